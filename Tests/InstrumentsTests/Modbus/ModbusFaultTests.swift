import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments
import Testing
import Transport

/// Faults on both wires: each gives a typed error within the timeout (plus
/// slack for a loaded machine), never a crash or a hang, and the connection
/// recovers when the device does.
@Suite struct ModbusFaultTests {
    /// The address timeout of exchanges meant to time out, and the slack
    /// allowed past it for scheduling on a loaded machine (a hang would be
    /// unbounded; waiting out a second timeout would show as 2 × timeout).
    static let timeout = 0.5
    static let slack = 3.0
    static let timeoutText = "500ms"

    /// Times `read` on a thread of its own, so the figure is the driver's and
    /// not the wait of a test run that fills the cooperative pool.
    static let stopwatch = DedicatedThreadExecutor(name: "modbus test stopwatch")

    /// Runs `read` and returns its error with the time it took.
    static func failure(_ read: @Sendable () async throws -> Void) async -> (error: (any Error)?, seconds: Double) {
        await withTaskExecutorPreference(stopwatch) {
            let start = ContinuousClock.now
            var caught: (any Error)?
            do { try await read() } catch { caught = error }
            let elapsed = ContinuousClock.now - start
            return (caught, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
    }

    static func faultServer(_ mode: String) async throws -> (ChildProcess, String) {
        let child = try await ChildProcess.start(ModbusFixtures.python, [ModbusFixtures.peers + "/modbus_fault_server.py", mode]) {
            $0.hasPrefix("ready ")
        }
        let port = child.startup.last?.split(separator: " ").last.map(String.init) ?? ""
        return (child, "modbus+tcp://127.0.0.1:\(port)?unit=1")
    }

    // MARK: TCP

    @Test(arguments: [("silent", TransportError.Kind.timeout), ("truncated", .timeout), ("hangup", .disconnected)])
    func tcpFaultsAreTypedAndBounded(mode: String, kind: TransportError.Kind) async throws {
        let (server, address) = try await Self.faultServer(mode)
        defer { server.stop() }
        let connection = try ModbusConnection(ModbusFixtures.address(address, timeout: Self.timeoutText))
        let (error, seconds) = await Self.failure { _ = try await connection.readRegisters(.holding, at: 7, count: 2) }
        let wire = try #require(error as? ModbusError, "\(String(describing: error))")
        #expect(wire.kind == kind, "\(wire)")
        #expect(wire.request.register == 7 && wire.unit == 1)
        #expect(seconds < Self.timeout + Self.slack, "took \(seconds) s")
    }

    @Test func tcpGarbageIsMalformedOrTimesOut() async throws {
        let (server, address) = try await Self.faultServer("garbage")
        defer { server.stop() }
        let connection = try ModbusConnection(ModbusFixtures.address(address, timeout: Self.timeoutText))
        let (error, seconds) = await Self.failure { _ = try await connection.readRegisters(.holding, at: 0, count: 1) }
        let wire = try #require(error as? ModbusError)
        #expect(wire.kind == .malformed || wire.kind == .timeout, "\(wire)")
        #expect(seconds < Self.timeout + Self.slack, "took \(seconds) s")
    }

    @Test func tcpNobodyListeningIsUnavailable() async throws {
        // Bind a slave to learn a free port, then stop it: nothing listens there.
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        let map = try ModbusFixtures.map("laumas")
        let address = try await ModbusFixtures.withSlave(map, bench, .tcp(host: "127.0.0.1", port: 0)) { $0.address }
        let cell = try ModbusPressureCell(address: ModbusFixtures.address(address, timeout: Self.timeoutText), map: map, area: 1e-4)
        let (error, seconds) = await Self.failure { _ = try await cell.readPressure() }
        let instrumentError = try #require(error as? ModbusInstrumentError)
        #expect(instrumentError.code == .communication && instrumentError.underlying?.kind == .unavailable)
        #expect(instrumentError.isRecoverableByReconnect)
        #expect(instrumentError.description.contains("Laumas TLU at \(address)"))
        #expect(seconds < Self.timeout + Self.slack)
    }

    @Test func tcpServerStoppedMidStreamThenBack() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        let map = try ModbusFixtures.map("laumas")
        let slave = try ModbusSlave(map: map, bench: bench, wire: .tcp(host: "127.0.0.1", port: 0))
        let cell = try ModbusPressureCell(address: ModbusFixtures.address(slave.address), map: map, area: 1e-4)
        let first = try await cell.readPressure()

        // Refused at once: the failure does not wait for the timeout.
        await slave.stop()
        let (error, seconds) = await Self.failure { _ = try await cell.readPressure() }
        let instrumentError = try #require(error as? ModbusInstrumentError)
        #expect(instrumentError.isRecoverableByReconnect, "\(instrumentError)")
        #expect(seconds < Self.timeout + Self.slack)

        // The device returns on the same port: the next read reconnects by itself.
        let again = try await ModbusFixtures.withSlave(map, bench, .tcp(host: "127.0.0.1", port: slave.port)) { _ in
            try await cell.readPressure()
        }
        #expect(again == first)
    }

    @Test func tcpServerRestartedWhileIdleIsInvisible() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        let map = try ModbusFixtures.map("laumas")
        let slave = try ModbusSlave(map: map, bench: bench, wire: .tcp(host: "127.0.0.1", port: 0))
        let cell = try ModbusPressureCell(address: ModbusFixtures.address(slave.address), map: map, area: 1e-4)
        let first = try await cell.readPressure()
        await slave.stop()
        // The kept connection is dead; the driver reconnects and retries within the same call.
        let again = try await ModbusFixtures.withSlave(map, bench, .tcp(host: "127.0.0.1", port: slave.port)) { _ in
            try await cell.readPressure()
        }
        #expect(again == first)
    }

    // MARK: RTU

    @Test func rtuFramesMatchTheDocumentedCRCs() {
        #expect(RTUResponder.framed([0x01, 0x03, 0x00, 0x08, 0x00, 0x01]).suffix(2) == [0x05, 0xC8])
        #expect(RTUResponder.framed([0x01, 0x03, 0x02, 0x08, 0x02]).suffix(2) == [0x3E, 0x45])
        #expect(RTUResponder.framed([0x01, 0x03, 0x00, 0x1E, 0x00, 0x02]).suffix(2) == [0xA4, 0x0D])
        #expect(RTUResponder.framed([0x01, 0x03, 0x04, 0x00, 0x00, 0x01, 0x62]).suffix(2) == [0x7A, 0x4A])
    }

    @Test(arguments: [(RTUResponder.Mode.silent, TransportError.Kind.timeout), (.truncated, .timeout)])
    func rtuFaultsAreTypedAndBounded(mode: RTUResponder.Mode, kind: TransportError.Kind) async throws {
        let device = try RTUResponder(mode)
        defer { device.stop() }
        let connection = try ModbusConnection(ModbusFixtures.address("modbus+rtu:\(device.devicePath)?unit=1", timeout: Self.timeoutText))
        let (error, seconds) = await Self.failure { _ = try await connection.readRegisters(.holding, at: 30, count: 2) }
        let wire = try #require(error as? ModbusError)
        #expect(wire.kind == kind, "\(wire)")
        #expect(wire.request.register == 30)
        #expect(seconds < Self.timeout + Self.slack, "took \(seconds) s")
    }

    @Test func rtuGarbageIsMalformedOrTimesOut() async throws {
        let device = try RTUResponder(.garbage)
        defer { device.stop() }
        let connection = try ModbusConnection(ModbusFixtures.address("modbus+rtu:\(device.devicePath)?unit=1", timeout: Self.timeoutText))
        let (error, seconds) = await Self.failure { _ = try await connection.readRegisters(.holding, at: 30, count: 2) }
        let wire = try #require(error as? ModbusError)
        #expect(wire.kind == .malformed || wire.kind == .timeout, "\(wire)")
        #expect(seconds < Self.timeout + Self.slack, "took \(seconds) s")
    }

    @Test func rtuDeviceSilentThenBack() async throws {
        let device = try RTUResponder(.answer)
        defer { device.stop() }
        let connection = try ModbusConnection(ModbusFixtures.address("modbus+rtu:\(device.devicePath)?unit=1", timeout: Self.timeoutText))
        #expect(try await connection.readRegisters(.holding, at: 30, count: 2) == [30, 31])
        device.set(.silent)
        let (error, _) = await Self.failure { _ = try await connection.readRegisters(.holding, at: 30, count: 2) }
        #expect((error as? ModbusError)?.kind == .timeout)
        device.set(.garbage)
        _ = await Self.failure { _ = try await connection.readRegisters(.holding, at: 30, count: 2) }
        device.set(.answer)
        #expect(try await connection.readRegisters(.holding, at: 40, count: 3) == [40, 41, 42])
    }

    @Test func rtuDeviceVanishing() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("li-lpscl-li")), noise: .none)
        let map = try ModbusFixtures.map("eurotherm")
        var slave: ModbusSlave? = try ModbusSlave(map: map, bench: bench, wire: .rtu(baudRate: 9600))
        let address = try ModbusFixtures.address(try #require(slave?.address))
        let controller = try ModbusTemperatureController(address: address, map: map)
        _ = try await controller.readTemperature()
        await slave?.stop()
        slave = nil  // closes the pseudo-terminal: the tty is gone
        let (error, seconds) = await Self.failure { _ = try await controller.readTemperature() }
        let instrumentError = try #require(error as? ModbusInstrumentError)
        #expect(instrumentError.code == .communication && instrumentError.instrument == "Eurotherm 3200")
        #expect(instrumentError.isRecoverableByReconnect, "\(instrumentError)")
        #expect(seconds < 3 + Self.slack)
    }
}
