import CyclerConfiguration
import Foundation
import Electrochemistry

/// Reads condition strings: `VARIABLE OP QUANTITY [after DURATION]`, such as
/// `V >= 4.2 V`, `|I| < C/20`, `Q/A >= 0.5 mAh/cm2`, `|dV/dt| < 1 mV/h after 30 min`.
enum ConditionParser {
    /// Longest spellings first, so `|dV/dt|` is not read as `|`.
    static let variables: [(text: String, variable: Condition.Variable)] = Condition.Variable.allCases
        .map { ($0.rawValue, $0) }
        .sorted { $0.text.count > $1.text.count }

    static let operators = ["<=", ">=", "<", ">"]

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> Condition {
        try parse(try node.string(), at: node.textLocation)
    }

    static func parse(_ text: String, at location: FileLocation) throws(ConfigurationError) -> Condition {
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        let variableColumn = scanner.offset
        guard let variable = variables.first(where: { scanner.consume($0.text) })?.variable else {
            let valid = Condition.Variable.allCases.map(\.rawValue).joined(separator: ", ")
            throw location.shifted(by: variableColumn).error(
                "\"\(text)\" does not start with a quantity to compare; use one of \(valid), e.g. \"V >= 4.2 V\"")
        }
        scanner.skipSpaces()
        let operatorColumn = scanner.offset
        guard let op = operators.first(where: { scanner.consume($0) }), let comparison = Condition.Comparison(rawValue: op) else {
            throw location.shifted(by: operatorColumn).error(
                "expected a comparison (<, <=, > or >=) after \"\(variable.rawValue)\" in \"\(text)\"")
        }
        scanner.skipSpaces()
        let thresholdColumn = scanner.offset
        let rest = scanner.remainder
        var thresholdText = rest
        var armedAfter = 0.0
        if let range = rest.range(of: " after ") {
            thresholdText = String(rest[..<range.lowerBound])
            let durationText = String(rest[range.upperBound...])
            let durationColumn = thresholdColumn + rest.distance(from: rest.startIndex, to: range.upperBound)
            do {
                armedAfter = try Quantity.parse(durationText, expecting: .time, defaultUnit: "s").value
            } catch {
                throw location.shifted(by: durationColumn + error.column).error(error.message)
            }
        }
        let threshold = try threshold(thresholdText, for: variable, at: location.shifted(by: thresholdColumn))
        return Condition(variable: variable, comparison: comparison, threshold: threshold, armedAfter: armedAfter,
                         text: text, location: location.shifted(by: variableColumn))
    }

    private static func threshold(_ text: String, for variable: Condition.Variable,
                                  at location: FileLocation) throws(ConfigurationError) -> Quantity {
        let isCurrent = variable == .current || variable == .currentMagnitude
        if variable == .temperature, let message = ProtocolVocabulary.bareTemperatureMessage(text) {
            throw location.error(message)
        }
        let q: Quantity
        do {
            q = try Quantity.parse(text, expecting: isCurrent ? nil : variable.dimension, defaultUnit: variable.defaultUnit)
        } catch {
            throw location.shifted(by: error.column).error(error.message)
        }
        if isCurrent, !ProtocolVocabulary.currentDimensions.contains(q.dimension) {
            throw location.error("\"\(text)\" is \(ProtocolVocabulary.phrase(q.dimension)), but \(variable.rawValue) compares "
                + "currents; write e.g. \"50 uA\", \"C/20\" or \"0.01 mA/cm2\"")
        }
        return q
    }
}

/// A cursor over a short string for the hand-written grammars (conditions,
/// PyBaMM steps), counting characters so errors can give a column.
struct TextScanner {
    let text: String
    private(set) var index: String.Index

    init(_ text: String) {
        self.text = text
        self.index = text.startIndex
    }

    var offset: Int { text.distance(from: text.startIndex, to: index) }
    var remainder: String { String(text[index...]) }

    mutating func skipSpaces() {
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
    }

    /// Consumes `word` if the text continues with it (case-sensitive).
    mutating func consume(_ word: String) -> Bool {
        guard text[index...].hasPrefix(word) else { return false }
        index = text.index(index, offsetBy: word.count)
        return true
    }
}
