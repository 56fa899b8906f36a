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
        #expect(first.retention == nil, "a cycle is not its own reference")
        #expect(first.dischargeCurrent == 1)
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

    /// A CCD ramp: each cycle at a higher current. Its capacities are not a
    /// fade, so no cycle gets a retention; a cycle back at the first current
    /// is compared with the first.
    @Test func retentionIsOnlyGivenBetweenCyclesAtTheSameCurrent() throws {
        let cycles = try CycleSummaries.summarise(Self.record([(1, 10), (-1, 10), (2, 10), (-2, 10), (3, 10), (-3, 10), (1, 10), (-1, 8)]))
        #expect(cycles.map(\.dischargeCurrent) == [1, 2, 3, 1])
        #expect(cycles.prefix(3).allSatisfy { $0.retention == nil })
        #expect(cycles[3].retention == 0.8)
    }

    /// Coulometry reads about 0.1 % off by itself: a CE above 100 % within
    /// that is not warned of; beyond it, the warning names the figure.
    @Test func aCoulombicEfficiencyAbove100PercentIsWarnedOf() throws {
        let cycles = try CycleSummaries.summarise(Self.record([(1, 2000), (-1, 2001), (1, 1000), (-1, 1010)]))
        #expect(cycles[0].warnings.isEmpty, "CE 100.05 %: \(cycles[0].warnings)")
        #expect(cycles[1].warnings.count == 1)
        #expect(cycles[1].warnings.first?.hasPrefix("coulombic efficiency 101 % is above 100 %") == true)
    }

    /// On a symmetric cell the voltage changes sign with the current: the
    /// discharge "energy" is negative and no energy efficiency is given.
    @Test func aSymmetricCellHasNoEnergyEfficiency() throws {
        let samples = (1...40).map { k in
            let current = k <= 20 ? 1e-3 : -1e-3
            return TraceSample(time: Double(k), voltage: 20 * current, current: current)
        }
        let cycle = try #require(try CycleSummaries.summarise(samples).first)
        #expect(cycle.dischargeEnergy < 0)
        #expect(cycle.energyEfficiency == nil)
        #expect(cycle.coulombicEfficiency == 1)
    }

    @Test func badRecordsAreRejected() {
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(0, 20)])) }
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(1, 1)])) }
        #expect(throws: AnalysisError.self) { try CycleSummaries.summarise(Self.record([(1, 20)]), restCurrent: 2) }
    }
}
