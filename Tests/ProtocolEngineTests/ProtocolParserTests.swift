import CyclerConfiguration
import Electrochemistry
import Testing
@testable import ProtocolEngine

@Suite struct ProtocolParserTests {
    @Test func jsonIsAcceptedAsTheYAMLSubsetItIs() throws {
        let definition = try ProtocolLoader.parse("""
            {"name": "json", "record": {"dt": "30 s"},
             "steps": [{"cc": "1 mA", "until": ["V >= 4 V", "t >= 2 h"]}, "Rest for 1 hour"]}
            """, file: "p.json")
        #expect(definition.steps.map(\.kind.keyword) == ["cc", "rest"])
        #expect(definition.record.interval == 30)
    }

    @Test func aStepRecordOverrideKeepsTheProtocolDefaults() throws {
        let definition = try parse("""
            name: record
            record: {dt: 60 s, dV: 5 mV, sample: 10 s}
            steps:
              - rest: 1 h
                record: {dt: 10 min}
            """)
        let policy = try #require(definition.steps[0].record)
        #expect(policy == RecordPolicy(interval: 600, sampleInterval: 10, voltageChange: 0.005))
        #expect(definition.record == RecordPolicy(interval: 60, sampleInterval: 10, voltageChange: 0.005))
    }

    @Test func conditionsReadTheirVariableComparisonThresholdAndArming() throws {
        let at = FileLocation(file: "c.yaml", line: 1, column: 1, field: "until[0]")
        let slope = try ConditionParser.parse("|dV/dt| < 1 mV/h after 30 min", at: at)
        #expect(slope.variable == .voltageRateMagnitude && slope.comparison == .below)
        #expect(abs(slope.threshold.value - 1e-3 / 3600) < 1e-15)
        #expect(slope.armedAfter == 1800)
        let areal = try ConditionParser.parse("Q/A >= 0.5 mAh/cm2", at: at)
        #expect(areal.variable == .arealCharge && areal.threshold.dimension == .arealCharge)
        let bare = try ConditionParser.parse("V<=2.5", at: at)
        #expect(bare.variable == .voltage && bare.comparison == .atMost && bare.threshold.value == 2.5)
        let rate = try ConditionParser.parse("|I| < C/20", at: at)
        #expect(rate.threshold.dimension == .cRate)
    }

    @Test func errorsInsideAQuotedConditionPointAtTheCharacter() throws {
        do {
            _ = try parse("""
                name: x
                steps:
                  - cc: 1 mA
                    until: ["t >= 1 h", "V >= 4.2 Vx"]
                """)
            Issue.record("accepted a bad unit")
        } catch let error as ProtocolErrors {
            let first = try #require(error.errors.first)
            // `"V >= 4.2 Vx"` opens at column 25; the unit starts 10 characters later.
            #expect((first.line, first.column, first.field) == (4, 35, "steps[0].until[1]"))
        }
    }

    @Test func everyBadStepIsReportedNotJustTheFirst() throws {
        do {
            _ = try parse("""
                name: x
                steps:
                  - cc: 4 V
                    until: ["t >= 1 h"]
                  - rset: 1 h
                  - cv: 1 mA
                    until: ["t >= 1 h"]
                """)
            Issue.record("accepted three bad steps")
        } catch let error as ProtocolErrors {
            #expect(error.errors.map(\.line) == [3, 5, 6])
        }
    }

    @Test func restAndOCVAreTheSameStepAndTakeADuration() throws {
        let definition = try parse("""
            name: rest
            steps:
              - ocv: 5 min
              - rest:
                until: ["|dV/dt| < 1 mV/h", "t >= 2 h"]
            """)
        #expect(definition.steps.map(\.kind.keyword) == ["rest", "rest"])
        #expect(definition.steps[0].until.first?.condition.threshold.value == 300)
        #expect(definition.steps[1].until.count == 2)
    }
}
