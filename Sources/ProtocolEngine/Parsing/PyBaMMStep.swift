import CyclerConfiguration
import Electrochemistry
import Foundation

/// One PyBaMM experiment string, read as written (PyBaMM's sign: discharge
/// positive). `PyBaMMStep.steps(at:)` turns it into cyclerd steps; that is the
/// only place the sign is converted.
///
/// Grammar (keywords in any case):
/// ```
/// step        := instruction [" for " duration] [[" or"] " until " termination] [" at " temperature] [" (" duration " period)"]
/// instruction := "Rest" | ("Charge" | "Discharge" | "Hold") " at " value
/// value       := number unit        unit: A, mA, V, mV, W, mW, Ohm, C (also "2C", "C/10")
/// duration    := number ("s" | "sec" | "second(s)" | "m" | "min" | "minute(s)" | "h" | "hr" | "hour(s)" | "day(s)")
/// termination := ["<" | ">"] value
/// temperature := number ("oC" | "K")
/// ```
/// At least one of `for` and `until` is required, as in PyBaMM. A step with
/// only `until` gets PyBaMM's default duration as a time limit: one day, or
/// two nominal durations (2/C h) for a C-rate.
public struct PyBaMMStep: Sendable, Hashable {
    public enum Instruction: String, Sendable, Hashable, CaseIterable {
        case charge, discharge, hold, rest
    }

    /// What is held, in the magnitude written (always as given, unsigned).
    public enum Control: Sendable, Hashable {
        case rest
        case current(Quantity)
        case voltage(Double)
        case power(Double)
        case resistance(Double)
    }

    public struct Termination: Sendable, Hashable {
        /// `<` or `>` when written; otherwise the direction follows the step.
        public var comparison: Condition.Comparison?
        public var value: Quantity
        public var column: Int
    }

    public var text: String
    public var instruction: Instruction
    public var control: Control
    /// s.
    public var duration: Double?
    public var termination: Termination?
    /// Recording period (s).
    public var period: Double?
    /// Ambient temperature for the step (K).
    public var temperature: Double?

    /// The examples in PyBaMM's documentation, for messages.
    static let examples = "e.g. \"Discharge at C/10 for 10 hours or until 3.3 V\", \"Rest for 1 hour\", "
        + "\"Charge at 1 A until 4.1 V\", \"Hold at 4.1 V until 50 mA\""

    /// Parses `text`; `location` is where its first character is in the file.
    public static func parse(_ text: String, at location: FileLocation) throws(ConfigurationError) -> PyBaMMStep {
        var body = Substring(text)
        var period: Double?
        var temperature: Double?
        if let open = body.range(of: " (", options: .backwards), body.hasSuffix("period)") {
            let inner = body[open.upperBound..<body.index(body.endIndex, offsetBy: -"period)".count)]
            period = try duration(inner.trimmingCharacters(in: .whitespaces), in: text, at: location, column: offset(of: inner, in: text))
            body = body[..<open.lowerBound]
        }
        if let at = body.range(of: " at ", options: [.backwards, .caseInsensitive]),
           let temperatureMatch = temperatureValue(body[at.upperBound...]) {
            temperature = temperatureMatch
            body = body[..<at.lowerBound]
        }
        var termination: Termination?
        if let until = body.range(of: " until ", options: .caseInsensitive) {
            let termText = body[until.upperBound...]
            termination = try parseTermination(termText, in: text, at: location)
            body = body[..<until.lowerBound]
            if body.lowercased().hasSuffix(" or") { body = body.dropLast(3) }
        }
        var stepDuration: Double?
        if let forRange = body.range(of: " for ", options: .caseInsensitive) {
            let durationText = body[forRange.upperBound...]
            stepDuration = try duration(String(durationText).trimmingCharacters(in: .whitespaces), in: text, at: location,
                                        column: offset(of: durationText, in: text))
            body = body[..<forRange.lowerBound]
        } else if body.lowercased().hasPrefix("rest for") {
            throw location.error("\"\(text)\": give a duration after \"for\", e.g. \"Rest for 10 minutes\"")
        }
        guard stepDuration != nil || termination != nil else {
            throw location.error("\"\(text)\" needs \"for <duration>\" or \"until <condition>\"; \(examples)")
        }
        let (instruction, control) = try parseInstruction(body, in: text, at: location)
        if let termination, termination.value.dimension == .voltage {
            if case .voltage = control {
                throw location.shifted(by: termination.column).error(
                    "a voltage hold ends on a current, e.g. \"until 50 mA\" or \"until C/50\"")
            }
            if instruction == .rest, termination.comparison == nil {
                throw location.shifted(by: termination.column).error(
                    "a rest has no direction; write \"until < 3 V\" or \"until > 3 V\"")
            }
        }
        return PyBaMMStep(text: text, instruction: instruction, control: control, duration: stepDuration,
                          termination: termination, period: period, temperature: temperature)
    }

    private static func parseInstruction(_ body: Substring, in text: String,
                                         at location: FileLocation) throws(ConfigurationError) -> (Instruction, Control) {
        let trimmed = body.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "rest" { return (.rest, .rest) }
        if trimmed.lowercased().hasPrefix("run ") {
            throw location.error("\"\(text)\": drive cycles (\"Run …\") are not supported (PyBaMM has deprecated them too); "
                + "write the profile as steps")
        }
        guard let at = body.range(of: " at ", options: .caseInsensitive) else {
            throw location.error("\"\(text)\" should start \"Charge at\", \"Discharge at\", \"Hold at\" or \"Rest\"; \(examples)")
        }
        let word = body[..<at.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
        guard let instruction = Instruction(rawValue: word), instruction != .rest else {
            throw location.error("\"\(body[..<at.lowerBound])\" is not an instruction; use Charge, Discharge, Hold or Rest; \(examples)")
        }
        let valueText = body[at.upperBound...]
        let column = offset(of: valueText, in: text)
        let value = try electric(String(valueText), at: location.shifted(by: column))
        let control: Control = switch value.dimension {
        case .voltage: .voltage(value.value)
        case .power: .power(value.value)
        case .resistance: .resistance(value.value)
        default: .current(value)
        }
        if instruction == .hold, case .voltage = control {} else if instruction == .hold {
            throw location.shifted(by: column).error("\"Hold at\" takes a voltage such as \"4.1 V\"; got \"\(valueText)\"")
        }
        guard value.value > 0 else {
            throw location.shifted(by: column).error("give a positive magnitude; \"Charge\" and \"Discharge\" set the direction")
        }
        return (instruction, control)
    }

    /// A value in PyBaMM's electric units (A, V, W, Ohm, C-rate; with milli),
    /// plus current densities, which cyclerd adds.
    static func electric(_ text: String, at location: FileLocation) throws(ConfigurationError) -> Quantity {
        let q: Quantity
        do {
            q = try Quantity.parse(text.trimmingCharacters(in: .whitespaces), spacedCRate: true)
        } catch {
            throw location.shifted(by: error.column).error("\(error.message); PyBaMM units are A, mA, V, W, Ohm, C and C/n")
        }
        let valid: [PhysicalDimension] = [.current, .cRate, .arealCurrent, .voltage, .power, .resistance]
        guard valid.contains(q.dimension) else {
            throw location.error("\"\(text.trimmingCharacters(in: .whitespaces))\" is \(ProtocolVocabulary.phrase(q.dimension)); "
                + "PyBaMM steps take a current (A, mA, C, C/n), voltage (V), power (W) or resistance (Ohm)")
        }
        return q
    }

    private static func parseTermination(_ termText: Substring, in text: String,
                                         at location: FileLocation) throws(ConfigurationError) -> Termination {
        var body = termText.drop { $0 == " " }
        var comparison: Condition.Comparison?
        if let first = body.first, first == "<" || first == ">" {
            comparison = first == "<" ? .below : .above
            body = body.dropFirst().drop { $0 == " " }
        }
        let column = offset(of: body, in: text)
        let value = try electric(String(body), at: location.shifted(by: column))
        guard [.current, .cRate, .arealCurrent, .voltage].contains(value.dimension) else {
            throw location.shifted(by: column).error("a PyBaMM \"until\" takes a voltage (\"3.3 V\") or a current (\"50 mA\", \"C/50\")")
        }
        return Termination(comparison: comparison, value: value, column: column)
    }

    /// PyBaMM's time words; `m` means minutes here, as in PyBaMM.
    private static let timeUnits: [String: Double] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600,
        "day": 86_400, "days": 86_400,
    ]

    static func duration(_ text: String, in whole: String, at location: FileLocation, column: Int) throws(ConfigurationError) -> Double {
        let unit = String(text.drop { $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" })
        let number = text.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value.isFinite else {
            throw location.shifted(by: column).error("\"\(text)\" is not a duration; write e.g. \"10 minutes\", \"0.5 hours\" or \"90 seconds\"")
        }
        let unitName = unit.trimmingCharacters(in: .whitespaces)
        guard let scale = timeUnits[unitName.lowercased()] else {
            throw location.shifted(by: column + text.count - unitName.count).error(
                "\"\(unit.trimmingCharacters(in: .whitespaces))\" is not a time unit; use seconds, minutes or hours (s, min, h)")
        }
        guard value > 0 else { throw location.shifted(by: column).error("the duration must be positive") }
        return value * scale
    }

    /// `25oC`, `25 oC` or `298 K`, or nil when the text is not a temperature.
    private static func temperatureValue(_ text: Substring) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, offset) in [("oC", 273.15), ("°C", 273.15), ("K", 0.0)] where trimmed.hasSuffix(suffix) {
            if let value = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)) { return value + offset }
        }
        return nil
    }

    private static func offset(of part: Substring, in text: String) -> Int {
        text.distance(from: text.startIndex, to: part.startIndex)
    }
}
