import CellSimulator
import Instruments
import Numerics
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

    /// At maximum speed the bench computes samples ahead of its consumer; a
    /// paced bench computes each one when asked. Commands, sensor reads and
    /// interval changes arriving between samples must find both in the same
    /// state, so the two give the same readings to the bit, whether a sample
    /// is awaited or taken from the read-ahead directly.
    @Test func readingAheadChangesNoReading() async throws {
        let definition = try #require(CellPresets.named("nmc811-lpscl-liin"))
        func run(_ speed: SimulationSpeed) async throws -> (samples: [Sample], pressures: [Double], end: CellState) {
            let bench = SimulatedBench(definition: definition, seed: 7, speed: speed)
            let potentiostat = bench.potentiostat
            var samples: [Sample] = [], pressures: [Double] = []
            // As the executor reads: what the bench holds is taken at once
            // (`takeBufferedSample`), the rest awaited; every other sample
            // is awaited regardless, so both ways are compared.
            func read(_ count: Int) async throws {
                for k in 0..<count {
                    if k.isMultiple(of: 2), let buffered = potentiostat.takeBufferedSample() {
                        samples.append(buffered)
                    } else {
                        samples.append(try await potentiostat.nextSample())
                    }
                }
            }
            try await potentiostat.apply(.current(definition.capacity / 1800, voltageLimits: 2.5...4.3))
            try await read(300)
            try await potentiostat.setSampleInterval(0.1)
            try await read(5)
            pressures.append(try await bench.pressureRig.readPressure())
            try await read(37)
            try await potentiostat.apply(.voltage(3.9, currentLimit: 1e-3))
            try await read(100)
            try await bench.chamber.setSetpoint(310)
            try await read(70)
            try await potentiostat.enterSafeState()
            try await read(3)
            return (samples, pressures, await bench.truth.state)
        }
        let ahead = try await run(.maximum), paced = try await run(.factor(.infinity))
        #expect(ahead.samples == paced.samples)
        #expect(ahead.pressures == paced.pressures)
        #expect(ahead.end == paced.end)
    }
}

@Suite("SimulatedBench voltage steps")
struct SimulatedBenchVoltageStepTests {
    /// A blocking cell's double layers are CPEs, not ideal capacitors: after
    /// a voltage step their charging current decays as V·Q·t^(−n)/Γ(1 − n),
    /// over minutes, towards the electronic leakage (an ideal capacitor would
    /// be charged within microseconds, and the current a second later would
    /// already be the leakage). The stepper must follow that decay: positive
    /// at every reading and falling monotonically (integrator ringing flips
    /// its sign), within 5 % of the leakage once the CPE's excess has fallen
    /// below 5 % of it, and still above it before (the excess never vanishes).
    @Test func aVoltageStepOnBlockingElectrodesSettlesWithoutRinging() async throws {
        let definition = try #require(CellPresets.named("ss-lpscl-ss"))
        let bench = SimulatedBench(definition: definition, noise: .none)
        let potentiostat = bench.potentiostat
        let step = 0.5
        let truth = await bench.truth.electrical
        let leakage = step / truth.leakageResistance
        // The CPE of the pair of double layers: R = τ₀ⁿ/Q.
        let n = truth.negativeExponent
        let q = Double.pow(truth.negativeTime, n) / truth.negativeResistance
        let settled = Double.pow(step * q / (Double.gamma(1 - n) * 0.05 * leakage), 1 / n)
        try await potentiostat.setSampleInterval(1)
        try await potentiostat.apply(.voltage(step, currentLimit: 1e-3))
        var samples: [Sample] = []
        for _ in 0..<10 { samples.append(try await potentiostat.nextSample()) }
        try await potentiostat.setSampleInterval(10)
        // The first reading comes a sample interval after the step.
        let stepTime = samples[0].time - 1
        while let last = samples.last, last.time - stepTime < 1.2 * settled {
            samples.append(try await potentiostat.nextSample())
        }
        #expect(samples.allSatisfy { $0.current > leakage }, "\(samples.map(\.current))")
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $1.current < $0.current }, "\(samples.map(\.current))")
        for sample in samples where sample.time - stepTime > settled {
            #expect(abs(sample.current - leakage) < 0.05 * leakage, "at \(sample.time - stepTime) s: \(sample.current) A vs \(leakage) A")
        }
    }
}
