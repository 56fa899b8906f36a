import Electrochemistry
import CellSimulator
import InstrumentSimulators
import Instruments
import Testing
import Transport

/// The SMU driver against the simulated SMU, through a real loopback socket.
@Suite struct SCPISourceMeterTCPTests {
    /// A simulator on an ephemeral loopback port and a driver connected to it.
    struct Rig {
        let bench: SimulatedBench
        let meter: SimulatedSourceMeter
        let server: SCPITCPServer
        let driver: SCPISourceMeter<ContinuousClock>

        init(model: SCPISourceMeterModel = .keithley2450, preset: String = "nmc811-lpscl-liin",
             secondsPerReading: Double = 1, timeout: Duration = .milliseconds(300)) throws {
            bench = SimulatedBench(definition: try #require(CellPresets.named(preset)), noise: .none)
            meter = SimulatedSourceMeter(model: model, bench: bench, timing: .perReading(seconds: secondsPerReading))
            server = try SCPITCPServer(meter: meter)
            let connection = TCPLineConnection(host: "127.0.0.1", port: server.port, address: server.address)
            driver = SCPISourceMeter(connection: connection, timeout: timeout)
        }
    }

    @Test func galvanostatSourcesItsCurrentAndReadsVoltage() async throws {
        let rig = try Rig()
        let identity = try await rig.driver.identify()
        #expect(identity.model == "MODEL 2450" && identity.serialNumber == "04412345")
        try await rig.driver.apply(.current(1e-3, voltageLimits: 2.5...4.3))
        try await rig.driver.setSampleInterval(0)
        let first = try await rig.driver.nextSample()
        let second = try await rig.driver.nextSample()
        #expect(abs(second.current - 1e-3) < 1e-6)
        #expect((2.5...4.3).contains(second.voltage))
        #expect(second.time > first.time)
        #expect(await rig.meter.isOutputOn)
        try await rig.driver.enterSafeState()
        #expect(await !rig.meter.isOutputOn)
    }

    @Test func potentiostatHoldsItsCurrentLimit() async throws {
        let rig = try Rig()
        try await rig.driver.setSampleInterval(0)
        try await rig.driver.apply(.voltage(4.2, currentLimit: 2e-3))  // far above the cell's OCV
        _ = try await rig.driver.nextSample()
        let sample = try await rig.driver.nextSample()
        #expect(abs(sample.current) <= 2e-3 + 1e-9)
        #expect(sample.current > 1e-3, "a cell far below 4.2 V draws the limit")
    }

    @Test func keithley2400IsDetectedAndDrivenWithItsOwnCommands() async throws {
        let rig = try Rig(model: .keithley2400)
        try await rig.driver.apply(.current(-5e-4, voltageLimits: 2.0...4.3))
        #expect(await rig.driver.model == .keithley2400)
        try await rig.driver.setSampleInterval(0)
        let sample = try await rig.driver.nextSample()
        #expect(abs(sample.current + 5e-4) < 1e-6)
        try await rig.driver.apply(.voltage(3.0, currentLimit: 1e-3))
        let held = try await rig.driver.nextSample()
        #expect(abs(held.voltage - 3.0) < 1e-3 || abs(abs(held.current) - 1e-3) < 1e-6)
    }

    @Test func currentSourcedOverTheWireMovesTheBenchPressure() async throws {
        let rig = try Rig(preset: "nmc811-lps7-li", secondsPerReading: 60)
        let before = try await rig.bench.pressureRig.readPressure()
        try await rig.driver.apply(.current(0.3e-3, voltageLimits: 0...5))
        try await rig.driver.setSampleInterval(0)
        for _ in 0..<60 { _ = try await rig.driver.nextSample() }
        let after = try await rig.bench.pressureRig.readPressure()
        #expect(after > before + 0.1e6, "pressure \(before) → \(after) Pa")
    }

    @Test func refusedCommandIsATypedErrorWithTheInstrumentsMessage() async throws {
        let rig = try Rig()
        try await rig.driver.apply(.current(1e-4, voltageLimits: 0...4.3))
        let error = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.send(commands: [":SOUR:BOGUS 1"]) }
        #expect(error?.code == .instrumentError(code: -113, message: "Undefined header"))
        #expect(error?.address == rig.server.address)
        #expect(await !rig.meter.isOutputOn, "a refused command leaves the output off")
    }

    @Test func complianceBelowTheInstrumentsMinimumIsRefusedAfterConfiguration() async throws {
        let rig = try Rig()
        let error = await #expect(throws: SCPIInstrumentError.self) {
            try await rig.driver.apply(.current(1e-3, voltageLimits: 0...0.01))
        }
        #expect(error?.code == .instrumentError(code: -222, message: "Data out of range"))
        #expect(await !rig.meter.isOutputOn)
    }

    @Test func silentInstrumentTimesOutWithinTheDeadlineAndRecovers() async throws {
        let rig = try Rig()
        try await rig.driver.setSampleInterval(0)
        _ = try await rig.driver.nextSample()
        rig.server.fault = .silent
        let start = ContinuousClock.now
        let error = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.nextSample() }
        #expect(error?.code == .transport(.timeout))
        #expect(start.duration(to: .now) < .seconds(5), "bounded by the 300 ms timeout, not hung")
        rig.server.fault = .none
        _ = try await rig.driver.nextSample()
    }

    @Test func garbageBytesAreAMalformedReply() async throws {
        let rig = try Rig()
        try await rig.driver.setSampleInterval(0)
        _ = try await rig.driver.identify()
        rig.server.fault = .garbage
        let error = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.nextSample() }
        #expect(error?.code == .transport(.malformed))
        rig.server.fault = .none
        _ = try await rig.driver.nextSample()
    }

    @Test func truncatedReplyTimesOutNamingTheTruncation() async throws {
        let rig = try Rig()
        try await rig.driver.setSampleInterval(0)
        _ = try await rig.driver.identify()
        rig.server.fault = .truncated
        let error = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.nextSample() }
        #expect(error?.code == .transport(.timeout))
        #expect(error?.detail.contains("truncated") == true)
        rig.server.fault = .none
        _ = try await rig.driver.nextSample()
    }

    @Test func vanishedInstrumentIsReportedAndReconnectedWhenItReturns() async throws {
        let rig = try Rig()
        try await rig.driver.setSampleInterval(0)
        try await rig.driver.apply(.current(1e-3, voltageLimits: 0...4.3))
        _ = try await rig.driver.nextSample()
        rig.server.stop()
        let lost = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.nextSample() }
        #expect(lost?.code == .transport(.disconnected))
        let absent = await #expect(throws: SCPIInstrumentError.self) { try await rig.driver.nextSample() }
        #expect(absent?.code == .transport(.unavailable))
        try rig.server.start()
        let sample = try await rig.driver.nextSample()
        #expect(sample.voltage > 0)
        #expect(await !rig.meter.isOutputOn, "after reconnecting, the output is switched off until a step re-applies it")
    }

    @Test func impedanceIsNotSomethingAnSMUClaimsOrDoes() async throws {
        let rig = try Rig()
        #expect(!rig.driver.capabilities.potentiostaticEIS && !rig.driver.capabilities.galvanostaticEIS)
        let error = await #expect(throws: SCPIInstrumentError.self) {
            _ = try await rig.driver.measureImpedance(ImpedanceRequest(from: 1e5, to: 1, perDecade: 5, excitation: .potentiostatic(amplitude: 0.01)))
        }
        #expect(error?.code == .unsupported)
    }
}
