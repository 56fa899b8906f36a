import CyclerConfiguration
import Electrochemistry
import Testing
@testable import ProtocolEngine

/// Every example string in PyBaMM's documentation (the experiment docstring,
/// `_examples` of old and current releases, the tutorials and the ECM
/// script) parses to the right step, and the sign flips here: PyBaMM's
/// discharge is positive, cyclerd's charge is.
@Suite struct PyBaMMStepTests {
    /// What a string should become: the control (signed, cyclerd's convention),
    /// its duration and its termination.
    struct Expectation: Sendable, CustomTestStringConvertible {
        var text: String
        var control: Control
        var duration: Double?
        var termination: String?
        var period: Double? = nil
        var temperature: Double? = nil

        enum Control: Sendable, Equatable {
            case rest
            case current(Double, PhysicalDimension)
            case voltage(Double)
            case power(Double)
        }

        var testDescription: String { text }
    }

    static let h = 3600.0, min = 60.0
    static let examples: [Expectation] = [
        // pybamm.experiment.step._examples (current) and Experiment.examples (22.x, 23.x)
        .init(text: "Discharge at 1C for 0.5 hours", control: .current(-1 / h, .cRate), duration: 0.5 * h),
        .init(text: "Discharge at C/20 for 0.5 hours", control: .current(-1 / 20 / h, .cRate), duration: 0.5 * h),
        .init(text: "Charge at 0.5 C for 45 minutes", control: .current(0.5 / h, .cRate), duration: 45 * min),
        .init(text: "Discharge at 1 A for 0.5 hours", control: .current(-1, .current), duration: 0.5 * h),
        .init(text: "Discharge at 1 A for 90 seconds", control: .current(-1, .current), duration: 90),
        .init(text: "Charge at 200 mA for 45 minutes", control: .current(0.2, .current), duration: 45 * min),
        .init(text: "Charge at 200mA for 45 minutes (1 minute period)", control: .current(0.2, .current), duration: 45 * min,
              period: 60),
        .init(text: "Discharge at 1W for 0.5 hours", control: .power(-1), duration: 0.5 * h),
        .init(text: "Discharge at 1 W for 0.5 hours", control: .power(-1), duration: 0.5 * h),
        .init(text: "Charge at 200mW for 45 minutes", control: .power(0.2), duration: 45 * min),
        .init(text: "Charge at 200 mW for 45 minutes", control: .power(0.2), duration: 45 * min),
        .init(text: "Rest for 10 minutes", control: .rest, duration: 10 * min),
        .init(text: "Rest for 10 minutes (5 minute period)", control: .rest, duration: 10 * min, period: 5 * min),
        .init(text: "Hold at 1V for 20 seconds", control: .voltage(1), duration: 20),
        .init(text: "Hold at 1 V for 20 seconds", control: .voltage(1), duration: 20),
        .init(text: "Charge at 1 C until 4.1V", control: .current(1 / h, .cRate), termination: "V >= 4.1 V"),
        .init(text: "Hold at 4.1 V until 50mA", control: .voltage(4.1), termination: "|I| <= 0.05 A"),
        .init(text: "Hold at 4.1 V until 50 mA", control: .voltage(4.1), termination: "|I| <= 0.05 A"),
        .init(text: "Hold at 3V until C/50", control: .voltage(3), termination: "|I| <= C/50"),
        .init(text: "Discharge at C/3 for 2 hours or until 2.5 V", control: .current(-1 / 3 / h, .cRate), duration: 2 * h,
              termination: "V <= 2.5 V"),
        // 23.4's examples carry ambient temperatures.
        .init(text: "Discharge at 1C for 0.5 hours at 27oC", control: .current(-1 / h, .cRate), duration: 0.5 * h,
              temperature: 300.15),
        .init(text: "Charge at 0.5 C for 45 minutes at -5oC", control: .current(0.5 / h, .cRate), duration: 45 * min,
              temperature: 268.15),
        .init(text: "Charge at 200 mA for 45 minutes at 10.2oC (1 minute period)", control: .current(0.2, .current),
              duration: 45 * min, period: 60, temperature: 283.35),
        .init(text: "Discharge at C/3 for 2 hours or until 2.5 V at 26oC", control: .current(-1 / 3 / h, .cRate),
              duration: 2 * h, termination: "V <= 2.5 V", temperature: 299.15),
        // The Experiment docstring and tutorials.
        .init(text: "Charge at 1 C for 1 hour", control: .current(1 / h, .cRate), duration: h),
        .init(text: "Charge at 1 C until 4.2 V", control: .current(1 / h, .cRate), termination: "V >= 4.2 V"),
        .init(text: "Charge at 1 C for 1 hour or until 4.2 V", control: .current(1 / h, .cRate), duration: h,
              termination: "V >= 4.2 V"),
        .init(text: "Charge at 1 C for 1 hour or until 4.2 V at 25oC", control: .current(1 / h, .cRate), duration: h,
              termination: "V >= 4.2 V", temperature: 298.15),
        .init(text: "Discharge at C/10 for 10 hours or until 3.3 V", control: .current(-1 / 10 / h, .cRate), duration: 10 * h,
              termination: "V <= 3.3 V"),
        .init(text: "Rest for 1 hour", control: .rest, duration: h),
        .init(text: "Charge at 1 A until 4.1 V", control: .current(1, .current), termination: "V >= 4.1 V"),
        .init(text: "Hold at 4.1 V until 10 mA", control: .voltage(4.1), termination: "|I| <= 0.01 A"),
        // The equivalent-circuit example script.
        .init(text: "Discharge at C/10 for 10 hours or until 3.3 V at 15oC", control: .current(-1 / 10 / h, .cRate),
              duration: 10 * h, termination: "V <= 3.3 V", temperature: 288.15),
        .init(text: "Rest for 30 minutes at 15oC", control: .rest, duration: 30 * min, temperature: 288.15),
        .init(text: "Charge at 100 A until 4.1 V at 35oC (1 second period)", control: .current(100, .current),
              termination: "V >= 4.1 V", period: 1, temperature: 308.15),
        .init(text: "Hold at 4.1 V until 5 A at 35oC (1 seconds period)", control: .voltage(4.1), termination: "|I| <= 5 A",
              period: 1, temperature: 308.15),
        .init(text: "Charge at 100 A until 4.1 V (1 second period)", control: .current(100, .current), termination: "V >= 4.1 V",
              period: 1),
        .init(text: "Discharge at C/20 for 1 hour", control: .current(-1 / 20 / h, .cRate), duration: h),
        // The user guide.
        .init(text: "Discharge at 1C for 3600 seconds or until 2.5V", control: .current(-1 / h, .cRate), duration: h,
              termination: "V <= 2.5 V"),
        .init(text: "Charge at 0.5C until 4.2V", control: .current(0.5 / h, .cRate), termination: "V >= 4.2 V"),
        .init(text: "Charge at 2A for 30 minutes", control: .current(2, .current), duration: 30 * min),
        .init(text: "Discharge at C/5 for 10 hours or until 3.3V", control: .current(-1 / 5 / h, .cRate), duration: 10 * h,
              termination: "V <= 3.3 V"),
        .init(text: "Discharge at 1C for 1 hour or until 3.0V", control: .current(-1 / h, .cRate), duration: h,
              termination: "V <= 3 V"),
        .init(text: "Rest for 30 minutes", control: .rest, duration: 30 * min),
        .init(text: "Rest for 3600 seconds", control: .rest, duration: h),
        .init(text: "Hold at 4.2V until 50mA", control: .voltage(4.2), termination: "|I| <= 0.05 A"),
        .init(text: "Hold at 4.2V until C/20", control: .voltage(4.2), termination: "|I| <= C/20"),
        // Explicit operators are in PyBaMM's sign: "> 1 A" is more discharge, I < -1 A here.
        .init(text: "Discharge at 2 A until > 1 A", control: .current(-2, .current), termination: "I <= -1 A"),
        .init(text: "Rest for 1 hour or until < 3 V", control: .rest, duration: h, termination: "V <= 3 V"),
    ]

    @Test(arguments: examples)
    func documentedExample(_ expected: Expectation) throws {
        var diagnostics = Diagnostics()
        let node = try #require(try parseNode("- \"\(expected.text)\""))
        let steps = StepParser(recordDefaults: .standard).parseStep(node, diagnostics: &diagnostics)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let main = try #require(steps.last)
        switch (main.kind, expected.control) {
        case (.rest, .rest): break
        case (.constantCurrent(let control), .current(let value, let dimension)):
            #expect(control.current.dimension == dimension)
            #expect(abs(control.current.value - value) <= 1e-12 * abs(value))
        case (.constantVoltage(let control), .voltage(let volts)):
            #expect(control.voltage == volts)
        case (.constantPower(let watts), .power(let expectedWatts)):
            #expect(abs(watts - expectedWatts) < 1e-12)
        default:
            Issue.record("\(expected.text) became \(main.kind.keyword)")
        }
        let time = main.until.first { $0.condition.variable == .time }
        if let duration = expected.duration {
            #expect(time?.condition.threshold.value == duration)
        }
        let others = main.until.filter { $0.condition.variable != .time }.map(\.condition)
        if let termination = expected.termination {
            let condition = try #require(others.first)
            #expect("\(condition.variable.rawValue) \(condition.comparison.rawValue) \(condition.threshold)" == termination)
        } else {
            #expect(others.isEmpty)
        }
        #expect(main.record?.interval == expected.period)
        if let temperature = expected.temperature {
            guard case .setTemperature(let setting) = steps.first?.kind else {
                Issue.record("an ambient temperature becomes a set_temperature step first")
                return
            }
            #expect(abs(setting.target - temperature) < 1e-9)
        } else {
            #expect(steps.count == 1)
        }
    }

    @Test func withoutADurationTheStepGetsPyBaMMsDefaultTimeLimit() throws {
        let cRate = try PyBaMMStep.parse("Charge at C/2 until 4.2 V", at: here).steps(at: here)[0]
        let limit = try #require(cRate.until.first { $0.condition.variable == .time }?.condition.threshold.value)
        #expect(abs(limit - 4 * 3600) < 1e-6)
        let amps = try PyBaMMStep.parse("Charge at 1 A until 4.2 V", at: here).steps(at: here)[0]
        #expect(amps.until.first { $0.condition.variable == .time }?.condition.threshold.value == 86_400)
    }

    @Test func keywordsAreCaseInsensitiveAndResistanceIsALoad() throws {
        let step = try PyBaMMStep.parse("discharge at 2 Ohm for 10 minutes", at: here).steps(at: here)[0]
        guard case .constantResistance(let ohms, let charging) = step.kind else {
            Issue.record("expected a resistance step")
            return
        }
        #expect(ohms == 2 && !charging)
    }

    @Test(arguments: [
        ("Discharge at 1C", "needs \"for <duration>\" or \"until <condition>\"", 0),
        ("Charge at 1 C for 1 fortnight", "\"fortnight\" is not a time unit", 20),
        ("Charge at 1 kg for 1 hour", "PyBaMM steps take a current", 10),
        ("Jog at 1 A for 1 hour", "\"Jog\" is not an instruction", 0),
        ("Hold at 1 A for 1 hour", "\"Hold at\" takes a voltage", 8),
        ("Hold at 4.2 V until 3 V", "a voltage hold ends on a current", 20),
        ("Run US06 (A) for 20 seconds", "drive cycles", 0),
        ("Rest for 1 hour or until 3 V", "a rest has no direction", 25),
        ("Discharge at -1 A for 1 hour", "positive magnitude", 13),
        ("Charge at 1 C until 4.2 Vx", "Vx", 24),
    ])
    func malformedStringsAreLocated(_ text: String, _ fragment: String, _ column: Int) {
        #expect(throws: (any Error).self) {
            _ = try PyBaMMStep.parse(text, at: here)
        }
        do {
            _ = try PyBaMMStep.parse(text, at: here)
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.column == here.column + column, "\(text): \(error)")
        }
    }

    @Test func executingADischargeStringDrawsNegativeCurrent() async throws {
        let definition = try parse("""
            name: pybamm signs
            steps:
              - "Charge at C/5 for 30 minutes"
              - "Discharge at C/5 for 30 minutes"
            """)
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin")
        #expect(outcome == .completed)
        let charge = observer.samples.filter { $0.step == 1 }, discharge = observer.samples.filter { $0.step == 2 }
        #expect(charge.allSatisfy { $0.current > 0 })
        #expect(discharge.allSatisfy { $0.current < 0 })
    }

    private var here: FileLocation { FileLocation(file: "t.yaml", line: 3, column: 5, field: "steps[0]") }
}

/// The first item of a one-item YAML list.
private func parseNode(_ yaml: String) throws -> ConfigNode? {
    try ConfigNode.parse(yaml: yaml, file: "t.yaml").items().first
}
