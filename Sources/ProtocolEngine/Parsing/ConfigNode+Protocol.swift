import Configuration
import Electrochemistry
import Foundation
import Yams

extension ConfigNode {
    /// Where the scalar's text starts: one column after the mark when quoted,
    /// so errors inside strings (`"V >= 4.2 mA"`) point at the right character.
    var textLocation: FileLocation {
        let quoted: Bool = switch node.scalar?.style {
        case .singleQuoted?, .doubleQuoted?: true
        default: false
        }
        return FileLocation(self).shifted(by: quoted ? 1 : 0)
    }

    /// A quantity of one of several dimensions (a current may be a C-rate or a
    /// current density), listing what would be valid when it is none.
    func quantity(oneOf dimensions: [PhysicalDimension], defaultUnit: String, examples: String) throws(ConfigurationError) -> Quantity {
        let q = try quantity(defaultUnit: defaultUnit)
        guard dimensions.contains(q.dimension) else {
            throw error("\"\((try? string()) ?? "")\" is \(ProtocolVocabulary.phrase(q.dimension)); expected \(examples)")
        }
        return q
    }

    /// A current as labs write it: `1 mA`, `0.5 mA/cm2`, `C/10`, `150 mA/g`.
    func current() throws(ConfigurationError) -> Quantity {
        try quantity(oneOf: ProtocolVocabulary.currentDimensions, defaultUnit: "mA",
                     examples: "a current such as \"1 mA\", \"0.5 mA/cm2\", \"C/10\" or \"150 mA/g\"")
    }

    /// A positive time such as `10 min`; bare numbers are seconds.
    func duration() throws(ConfigurationError) -> Double {
        let seconds = try quantity(expecting: .time, defaultUnit: "s").value
        guard seconds > 0 else { throw error("must be a positive duration such as \"10 min\"") }
        return seconds
    }

    func voltage() throws(ConfigurationError) -> Double {
        try quantity(expecting: .voltage, defaultUnit: "V").value
    }

    /// A value that must be above zero.
    func positive(_ dimension: PhysicalDimension, defaultUnit: String) throws(ConfigurationError) -> Double {
        let value = try quantity(expecting: dimension, defaultUnit: defaultUnit).value
        guard value > 0 else { throw error("must be positive, e.g. \"1 \(defaultUnit)\"") }
        return value
    }

    /// A list, or a single item standing for a list of one.
    func listOrSingle() throws(ConfigurationError) -> [ConfigNode] {
        isSequence ? try items() : [self]
    }
}

/// Words and dimensions shared by the parsers.
enum ProtocolVocabulary {
    static let currentDimensions: [PhysicalDimension] = [.current, .arealCurrent, .cRate, .specificCurrent]
}

extension ProtocolVocabulary {
    /// "a current (A)", "an areal current (A/m²)": a dimension inside a sentence.
    static func phrase(_ dimension: PhysicalDimension) -> String {
        let text = dimension.description
        return ("aeiou".contains(text.first ?? "x") ? "an " : "a ") + text
    }
}

extension ProtocolVocabulary {
    /// A current for messages: `157 mA`, `2.5 µA`.
    static func current(_ amps: Double) -> String {
        let magnitude = abs(amps)
        let (scale, unit) = magnitude >= 1 ? (1.0, "A") : magnitude >= 1e-3 ? (1e3, "mA") : magnitude >= 1e-6 ? (1e6, "µA") : (1e9, "nA")
        return String(format: "%.4g %@", amps * scale, unit)
    }
}
