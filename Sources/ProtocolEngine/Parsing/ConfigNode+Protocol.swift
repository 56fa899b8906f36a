import CyclerConfiguration
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

    /// An absolute temperature (K), which must carry its unit.
    func temperature() throws(ConfigurationError) -> Double {
        let text = try string()
        if let message = ProtocolVocabulary.bareTemperatureMessage(text) { throw error(message) }
        return try quantity(expecting: .temperature).value
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
    /// Why a temperature written as a bare number is refused, or nil when it has a unit.
    ///
    /// 298 means 298 K to a physicist and 298 °C to a chamber controller; the
    /// second reading heats a cell to destruction, so neither is guessed.
    static func bareTemperatureMessage(_ text: String) -> String? {
        let number = text.trimmingCharacters(in: .whitespaces)
        guard Double(number) != nil else { return nil }
        return "\"\(number)\" is a temperature without a unit, and it means different things in K and °C; "
            + "write \"\(number) K\" or \"\(number) degC\""
    }
}

extension ProtocolVocabulary {
    /// A current for messages: `157 mA`, `2.5 µA`.
    static func current(_ amps: Double) -> String {
        Quantity(amps, .current).labText()
    }

    /// A voltage for messages, in volts whatever its size, as limits are written: `4.2 V`, `0.01 V`.
    static func volts(_ volts: Double) -> String {
        volts.formatted(significantDigits: 4) + " V"
    }

    /// A safety quantity's SI value as the lab writes it: `7.85 mA`, `80 °C`, `100 MPa`.
    static func value(_ si: Double, _ quantity: SafetyLimits.Quantity) -> String {
        switch quantity {
        case .voltage: volts(si)
        case .current: current(si)
        case .temperature: Quantity(si, .temperature).labText()
        case .pressure: Quantity(si, .pressure).labText()
        }
    }
}
