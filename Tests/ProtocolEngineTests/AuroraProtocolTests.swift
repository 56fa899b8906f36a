import Electrochemistry
import Testing
@testable import ProtocolEngine

/// aurora-unicycler 0.4.6 JSON comes in as cyclerd steps.
@Suite struct AuroraProtocolTests {
    /// The shape aurora writes: formation cycles with a tag and a loop, an EIS, a sweep.
    static let json = """
        {
          "unicycler": {"version": "0.4.6"},
          "sample": {"name": "cell-7", "capacity_mAh": 2.0},
          "record": {"time_s": 10, "voltage_V": 0.01, "current_mA": 0.05},
          "safety": {"max_voltage_V": 4.3, "min_voltage_V": 2.5, "max_current_mA": 5, "min_current_mA": -5, "delay_s": 1},
          "method": [
            {"step": "open_circuit_voltage", "until_time_s": 600},
            {"step": "impedance_spectroscopy", "amplitude_V": 0.01, "start_frequency_Hz": 1e6, "end_frequency_Hz": 1,
             "points_per_decade": 8},
            {"step": "tag", "tag": "formation"},
            {"step": "constant_current", "rate_C": "C/10", "until_voltage_V": 4.2, "until_time_s": 43200},
            {"step": "constant_voltage", "voltage_V": 4.2, "until_rate_C": 0.05, "until_time_s": 7200},
            {"step": "constant_current", "rate_C": "D/10", "until_voltage_V": 3.0},
            {"step": "loop", "loop_to": "formation", "cycle_count": 3},
            {"step": "voltage_scan", "start_voltage_V": 3.0, "end_voltage_V": 4.2, "scan_rate_mV_per_s": 0.1},
            {"step": "constant_current", "current_mA": -0.4, "until_time_s": 60},
            {"step": "loop", "loop_to": 9, "cycle_count": 2}
          ]
        }
        """

    @Test func convertsEveryStepKindAndTheHeader() throws {
        let definition = try ProtocolLoader.parse(Self.json, file: "aurora.json")
        #expect(definition.name == "cell-7")
        #expect(definition.record == RecordPolicy(interval: 10, voltageChange: 0.01, currentChange: 5e-5))
        #expect(definition.safety.limits.count == 4)
        #expect(definition.safety.limit(.current, maximum: true)?.value == 5e-3)
        #expect(definition.safety.limits.allSatisfy { $0.delay == 1 })
        #expect(definition.steps.map(\.kind.keyword) == ["rest", "eis", "loop", "sweep", "loop"])
        guard case .loop(let formation) = definition.steps[2].kind, case .loop(let tail) = definition.steps[4].kind else {
            Issue.record("expected two loops")
            return
        }
        #expect(formation.count == 3)
        #expect(formation.steps.map(\.kind.keyword) == ["tag", "cc", "cv", "cc"])
        #expect(tail.count == 2 && tail.steps.map(\.kind.keyword) == ["cc"])
    }

    @Test func cRatesUseTheSampleCapacityAndDischargeIsNegative() throws {
        let definition = try ProtocolLoader.parse(Self.json, file: "aurora.json")
        guard case .loop(let formation) = definition.steps[2].kind,
              case .constantCurrent(let charge) = formation.steps[1].kind,
              case .constantCurrent(let discharge) = formation.steps[3].kind else {
            Issue.record("expected the formation currents")
            return
        }
        // 2 mAh at C/10 is 0.2 mA; D/10 discharges.
        #expect(charge.current.dimension == .current && abs(charge.current.value - 2e-4) < 1e-12)
        #expect(abs(discharge.current.value + 2e-4) < 1e-12)
        let up = try #require(formation.steps[1].until.first { $0.condition.variable == .voltage })
        let down = try #require(formation.steps[3].until.first { $0.condition.variable == .voltage })
        #expect(up.condition.comparison == .atLeast && down.condition.comparison == .atMost)
        #expect(!definition.requirements.capacity)
    }

    @Test func withoutASampleCapacityCRatesNeedTheCells() throws {
        let json = """
            {"record": {"time_s": 5}, "method": [{"step": "constant_current", "rate_C": 0.5, "until_voltage_V": 4.2}]}
            """
        let definition = try ProtocolLoader.parse(json, file: "a.json")
        #expect(definition.requirements.capacity)
        guard case .constantCurrent(let control) = definition.steps[0].kind else {
            Issue.record("expected cc")
            return
        }
        #expect(control.current.dimension == .cRate)
        #expect(ProtocolValidator.validate(definition, channel: .simulatedBench).isEmpty)
    }

    @Test func intersectingLoopsAreRefused() throws {
        let json = """
            {"record": {"time_s": 5}, "method": [
              {"step": "open_circuit_voltage", "until_time_s": 60},
              {"step": "open_circuit_voltage", "until_time_s": 60},
              {"step": "open_circuit_voltage", "until_time_s": 60},
              {"step": "loop", "loop_to": 2, "cycle_count": 2},
              {"step": "loop", "loop_to": 3, "cycle_count": 2}
            ]}
            """
        #expect(throws: ProtocolErrors.self) { try ProtocolLoader.parse(json, file: "a.json") }
    }
}
