import CellSimulator
import Instruments
import Testing

/// The in-process bench: one cell behind a potentiostat, a pressure rig and a chamber.
@Suite struct SimulatedBenchTests {
    @Test func currentThroughThePotentiostatMovesThePressureTheRigReads() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("nmc811-lps7-li")), noise: .none)
        let before = try await bench.pressureRig.readPressure()
        try await bench.potentiostat.apply(.current(0.3e-3, voltageLimits: 0...5)) // below the CCD
        try await bench.potentiostat.setSampleInterval(60)
        for _ in 0..<60 { _ = try await bench.potentiostat.nextSample() }
        let after = try await bench.pressureRig.readPressure()
        #expect(after > before + 0.1e6, "pressure \(before) → \(after) Pa")
    }

    @Test func galvanostatHoldsItsComplianceVoltage() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("nmc811-lpscl-liin")), noise: .none)
        try await bench.potentiostat.apply(.current(2e-3, voltageLimits: 2.0...3.3))
        var last = Sample(time: 0, voltage: 0, current: 0)
        for _ in 0..<3600 { last = try await bench.potentiostat.nextSample() }
        #expect(abs(last.voltage - 3.3) < 1e-6)
        #expect(last.current > 0 && last.current < 2e-3)
    }

    @Test func safeStateIsOpenCircuit() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        try await bench.potentiostat.apply(.current(1e-4, voltageLimits: -5...5))
        _ = try await bench.potentiostat.nextSample()
        try await bench.potentiostat.enterSafeState()
        let sample = try await bench.potentiostat.nextSample()
        #expect(sample.current == 0)
    }

    @Test func sameSeedRepeatsTheRunExactly() async throws {
        let definition = try #require(CellPresets.named("li-lpscl-li"))
        func run() async throws -> [Sample] {
            let bench = SimulatedBench(definition: definition, seed: 42)
            try await bench.potentiostat.apply(.current(1e-4, voltageLimits: -5...5))
            var samples: [Sample] = []
            for _ in 0..<50 { samples.append(try await bench.potentiostat.nextSample()) }
            return samples
        }
        #expect(try await run() == run())
    }
}

@Suite("SimulatedBench voltage steps")
struct SimulatedBenchVoltageStepTests {
    /// A blocking cell's RC charging is over in microseconds; the current a
    /// second later must be the small electronic leakage, not integrator ringing.
    @Test func aVoltageStepOnBlockingElectrodesSettlesWithoutRinging() async throws {
        let definition = try #require(CellPresets.named("ss-lpscl-ss"))
        let bench = SimulatedBench(definition: definition, noise: .none)
        let potentiostat = bench.potentiostat
        try await potentiostat.setSampleInterval(1)
        try await potentiostat.apply(.voltage(0.5, currentLimit: 1e-3))
        var currents: [Double] = []
        for _ in 0..<10 { currents.append(try await potentiostat.nextSample().current) }
        let leakage = await 0.5 / bench.truth.electrical.leakageResistance
        for current in currents.dropFirst() {
            #expect(current > 0)
            #expect(abs(current - leakage) < 0.05 * leakage)
        }
    }
}
