import Electrochemistry
import Testing

@Suite struct CycleSummariesTests {
    /// A cell with OCV 3.75 V and 0.25 Ω: 4.0 V charging at 1 A, 3.5 V
    /// discharging, 3.75 V at rest. Each step is (current, seconds), sampled each second.
    static func record(_ steps: [(current: Double, seconds: Int)]) -> [TraceSample] {
        var samples: [TraceSample] = []
        var t = 0.0
        for step in steps {
            for _ in 0..<step.seconds {
                t += 1
                samples.append(TraceSample(time: t, voltage: 3.75 + 0.25 * step.current, current: step.current))
            }
        }
        return samples
    }

    @Test func summarisesEachChargeDischargeCycle() throws {
        let cycles = try CycleSummaries.summarise(Self.record([
            (0, 10), (1, 100), (0, 10), (-1, 90), (0, 10),
            (1, 100), (0, 10), (-1, 80), (0, 10),
        ]))
        #expect(cycles.count == 2)
        let first = cycles[0]
        #expect(first.index == 1 && first.start == 1 && first.end == 220)
        #expect(first.chargeCapacity == 100 && first.dischargeCapacity == 90)
        #expect(first.chargeEnergy == 400 && first.dischargeEnergy == 315)
        #expect(first.coulombicEfficiency == 0.9)
        #expect(abs(try #require(first.energyEfficiency) - 315.0 / 400) < 1e-12)
        #expect(first.meanChargeVoltage == 4 && first.meanDischargeVoltage == 3.5)
        #expect(first.overpotential == 0.25)
        // Rest → discharge after t = 120 s; 10 s in the cell reads 3.5 V: ΔV/ΔI = −0.25 V / −1 A.
        let resistance = try #require(first.dcResistance)
        #expect(abs(resistance.resistance - 0.25) < 1e-12)
        #expect(resistance.delay == 10 && resistance.time == 120)
        #expect(resistance.label == "DC resistance 10 s after start of discharge")
        #expect(first.retention == 1)
        #expect(cycles[1].start == 221)
        #expect(abs(try #require(cycles[1].retention) - 80.0 / 90) < 1e-12)
    }

    /// A record that starts charged discharges first: that discharge is cycle 1.
    @Test func aLeadingDischargeIsItsOwnCycle() throws {
        let cycles = try CycleSummaries.summarise(Self.record([(-1, 50), (1, 60), (-1, 55)]))
        #expect(cycles.count == 2)
        #expect(cycles[0].chargeCapacity == 0 && cycles[0].dischargeCapacity == 50)
        #expect(cycles[0].coulombicEfficiency == nil && cycles[0].overpotential == nil)
        #expect(cycles[1].chargeCapacity == 60 && cycles[1].dischargeCapacity == 55)
        #expect(abs(try #require(cycles[1].retention) - 55.0 / 50) < 1e-12)
        // The discharge follows the charge with no rest before it: no step from rest to read.
        #expect(cycles[1].dcResistance == nil)
    }

    /// Rests inside a half-cycle do not start a cycle; only charge after discharge does.
    @Test func restsDoNotSplitCycles() throws {
        let cycles = try CycleSummaries.summarise(Self.record([(1, 30), (0, 5), (1, 30), (-1, 60), (0, 5), (-1, 1)]))
        #expect(cycles.count == 1)
        #expect(cycles[0].chargeCapacity == 60 && cycles[0].dischargeCapacity == 61)
    }

    @Test func badRecordsAreRejected() {
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(0, 20)])) }
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(1, 1)])) }
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(1, 20)]), restCurrent: 2) }
    }
}
