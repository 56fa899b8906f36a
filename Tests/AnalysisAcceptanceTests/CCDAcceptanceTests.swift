import CellSimulator
import Electrochemistry
import Instruments
import Testing

/// A plating/stripping ramp finds the simulator's CCD to the exact step.
@Suite struct CCDAcceptanceTests {
    /// Simulator CCDs at their preset pressures: Li₆PS₅Cl 0.81, LLZO 0.55,
    /// LGPS 0.49 mA/cm², so each stops at a different step.
    @Test(arguments: ["li-lpscl-li", "li-llzo-li", "li-lgps-li"])
    func rampStopsAtTheStepAboveTheCCD(preset: String) async throws {
        let definition = try #require(CellPresets.named(preset))
        let bench = SimulatedBench(definition: definition, seed: 3, speed: .maximum)
        let pot = bench.potentiostat
        let ccd = await bench.truth.criticalCurrentDensity
        let step = 1.0 // A/m² = 0.1 mA/cm²
        // Two steps past the truth are enough to show where the ramp stops.
        let levels = (1...(Int((ccd / step).rounded(.up)) + 2)).map { Double($0) * step }
        try await pot.setSampleInterval(10)
        var trace: [TraceSample] = []
        for j in levels {
            for sign in [1.0, -1.0] {
                try await pot.apply(.current(sign * j * definition.area, voltageLimits: -5...5))
                trace += try await record(pot, count: 180) // 30 min each way
            }
        }
        try await pot.enterSafeState()
        let result = try CriticalCurrentDensity.analyse(trace, area: definition.area)
        let expectedStable = levels.last { $0 < ccd }, expectedFailing = levels.first { $0 > ccd }
        #expect(result.lastStableCurrentDensity.map { abs($0 - (expectedStable ?? .nan)) < 1e-3 } == true,
                "CCD \(String(describing: result.lastStableCurrentDensity)) vs truth \(ccd) A/m²")
        #expect(result.firstFailingCurrentDensity.map { abs($0 - (expectedFailing ?? .nan)) < 1e-3 } == true)
        let failing = try #require(result.levels.first { !$0.isStable })
        let shortTime = try #require(result.shortTime)
        #expect(try #require(failing.halfCycles.first).start <= shortTime)
        // The analysis stops at the short.
        #expect(result.levels.count == (levels.firstIndex { $0 > ccd } ?? -1) + 1)
    }
}
