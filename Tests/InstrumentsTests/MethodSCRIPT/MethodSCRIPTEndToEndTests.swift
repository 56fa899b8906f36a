import Electrochemistry
import CellSimulator
import InstrumentSimulators
import Instruments
import Numerics
import Testing

/// The driver against the simulated device, through a real pseudo-terminal.
@Suite struct MethodSCRIPTEndToEndTests {
    @Test func identifiesTheDeviceAndItsCapabilities() async throws {
        let rig = try await MethodSCRIPTTestBench.start(device: .emStat4LR)
        let identity = try await rig.driver.identify()
        #expect(identity.vendor == "PalmSens")
        #expect(identity.model == "EmStat4 LR")
        #expect(identity.serialNumber == "SIM0001")
        #expect(identity.firmware == "1.6.0")
        #expect(rig.driver.capabilities == MethodSCRIPTDeviceType.emStat4LR.capabilities)
        await rig.finish()
    }

    @Test func picoHasNoGalvanostat() async throws {
        let rig = try await MethodSCRIPTTestBench.start(device: .emStatPico)
        #expect(!rig.driver.capabilities.galvanostatic)
        await #expect(throws: MethodSCRIPTError.self) {
            try await rig.driver.apply(.current(1e-4, voltageLimits: 0...2))
        }
        await #expect(throws: MethodSCRIPTError.self) {
            _ = try await rig.driver.measureImpedance(ImpedanceRequest(from: 1e3, to: 10, perDecade: 2, excitation: .galvanostatic(amplitude: 1e-5)))
        }
        // Still usable afterwards: the refusal happened before anything was sent.
        try await rig.driver.apply(.openCircuit)
        _ = try await rig.driver.nextSample()
        await rig.finish()
    }

    @Test func openCircuitReadsTheCellVoltageWithNoCurrent() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        try await rig.driver.setSampleInterval(1)
        try await rig.driver.apply(.openCircuit)
        let first = try await rig.driver.nextSample()
        let second = try await rig.driver.nextSample()
        let truth = await rig.bench.truth.voltage
        #expect(first.current == 0)
        #expect(abs(second.voltage - truth) < 1e-3, "OCV \(second.voltage) V vs the cell's \(truth) V")
        #expect(abs(second.time - first.time - 1) < 1e-9)
        await rig.finish()
    }

    @Test func constantCurrentStreamsTheSetCurrentAndChargesTheCell() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        try await rig.driver.setSampleInterval(10)
        try await rig.driver.apply(.current(1e-3, voltageLimits: 2.0...4.3))
        var samples: [Sample] = []
        for _ in 0..<200 { samples.append(try await rig.driver.nextSample()) }
        #expect(samples.allSatisfy { abs($0.current - 1e-3) < 1e-9 })
        #expect(samples.last!.voltage > samples.first!.voltage + 0.005, "charging raises the voltage")
        #expect(zip(samples, samples.dropFirst()).allSatisfy { abs($1.time - $0.time - 10) < 1e-9 })
        await rig.finish()
    }

    @Test func galvanostatFallsBackToHoldingItsVoltageLimit() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        try await rig.driver.setSampleInterval(30)
        try await rig.driver.apply(.current(2e-3, voltageLimits: 2.0...3.3))
        var last = Sample(time: 0, voltage: 0, current: 0)
        for _ in 0..<300 { last = try await rig.driver.nextSample() }
        #expect(abs(last.voltage - 3.3) < 1e-3, "held at the limit: \(last.voltage) V")
        #expect(last.current > 0 && last.current < 2e-3)
        await rig.finish()
    }

    @Test func constantVoltageHoldsThePotential() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        try await rig.driver.setSampleInterval(5)
        let ocv = await rig.bench.truth.voltage
        try await rig.driver.apply(.voltage(ocv + 0.05, currentLimit: 50e-3))
        var samples: [Sample] = []
        for _ in 0..<20 { samples.append(try await rig.driver.nextSample()) }
        #expect(samples.allSatisfy { abs($0.voltage - (ocv + 0.05)) < 1e-6 })
        #expect(samples.last!.current > 0, "holding above OCV charges")
        #expect(samples.last!.current < samples.first!.current, "the current decays under a hold")
        await rig.finish()
    }

    @Test func impedanceMatchesTheCellMeasuredDirectly() async throws {
        let rig = try await MethodSCRIPTTestBench.start(preset: "li-lpscl-li")
        let request = ImpedanceRequest(from: 100e3, to: 10, perDecade: 3, excitation: .potentiostatic(amplitude: 10e-3))
        let spectrum = try await rig.driver.measureImpedance(request)
        #expect(spectrum.points.count == request.frequencies.count)
        for (point, f) in zip(spectrum.points, request.frequencies) {
            #expect(abs(point.frequency - f) <= f * 1e-5, "seven hex digits resolve about eight significant figures")
        }
        let reference = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        let direct = try await reference.potentiostat.measureImpedance(request)
        for (wire, truth) in zip(spectrum.points, direct.points) {
            #expect((wire.impedance - truth.impedance).length < 0.02 * truth.impedance.length,
                    "at \(truth.frequency) Hz: \(wire.impedance) vs \(truth.impedance)")
        }
        // The stream resumes after EIS.
        _ = try await rig.driver.nextSample()
        await rig.finish()
    }

    @Test func galvanostaticImpedanceOnEmStat4() async throws {
        let rig = try await MethodSCRIPTTestBench.start(preset: "li-lpscl-li", device: .emStat4LR)
        let spectrum = try await rig.driver.measureImpedance(
            ImpedanceRequest(from: 10e3, to: 10, perDecade: 2, excitation: .galvanostatic(amplitude: 1e-5)))
        #expect(spectrum.points.count == 7)
        #expect(spectrum.points.allSatisfy { $0.impedance.real > 0 })
        await rig.finish()
    }

    @Test func linearSweepStepsThroughThePotentials() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        let ocv = await rig.bench.truth.voltage
        let samples = try await rig.driver.sweepLinear(from: ocv, to: ocv + 0.1, step: 0.01, rate: 0.01)
        #expect(samples.count == 11)
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $1.voltage > $0.voltage })
        #expect(abs(samples.last!.voltage - (ocv + 0.1)) < 1e-6)
        await rig.finish()
    }

    @Test func currentThroughTheWireMovesTheBenchPressure() async throws {
        let rig = try await MethodSCRIPTTestBench.start(preset: "nmc811-lps7-li")
        let before = try await rig.bench.pressureRig.readPressure()
        try await rig.driver.setSampleInterval(60)
        try await rig.driver.apply(.current(0.3e-3, voltageLimits: 0...5))
        for _ in 0..<60 { _ = try await rig.driver.nextSample() }
        let after = try await rig.bench.pressureRig.readPressure()
        #expect(after > before + 0.1e6, "pressure \(before) → \(after) Pa")
        await rig.finish()
    }

    @Test func safeStateLeavesTheCellAtOpenCircuit() async throws {
        let rig = try await MethodSCRIPTTestBench.start()
        try await rig.driver.apply(.current(1e-3, voltageLimits: 2...4.3))
        _ = try await rig.driver.nextSample()
        try await rig.driver.enterSafeState()
        let sample = try await rig.bench.potentiostat.nextSample()
        #expect(sample.current == 0)
        await rig.finish()
    }
}
