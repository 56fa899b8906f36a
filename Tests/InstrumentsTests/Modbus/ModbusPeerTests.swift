import Instruments
import Testing
import Transport

/// The drivers against an independent implementation: pymodbus 3.16.1
/// holding the shipped maps' registers (encoded in Python), over TCP and over
/// RTU on a socat pty pair.
@Suite(.serialized) struct ModbusPeerTests {
    @Test func overTCP() async throws {
        let peer = try await ModbusPeer.tcp()
        defer { peer.stop() }
        try await Self.exercise(peer)
    }

    @Test func overRTUOnASocatPair() async throws {
        let pair = try await SocatPair.open()
        defer { pair.child.stop() }
        let peer = try await ModbusPeer.rtu(pair: pair)
        defer { peer.stop() }
        try await Self.exercise(peer)
    }

    /// Every shipped map, then an exception, through one peer.
    static func exercise(_ peer: ModbusPeer) async throws {
        let area = 1e-4
        let laumas = try ModbusPressureCell(address: ModbusFixtures.address(peer.address("laumas"), timeout: "2s"),
                                            map: ModbusFixtures.map("laumas"), area: area)
        let laumasReading = try await laumas.readMeasurement()
        #expect(abs((laumasReading.force ?? 0) - ModbusPeer.Served.laumasForce) < 1e-9)
        #expect(abs(laumasReading.pressure - ModbusPeer.Served.laumasForce / area) < 1e-3)
        #expect(laumasReading.status?.stable == true && laumasReading.status?.error == false)

        let flintec = try ModbusPressureCell(address: ModbusFixtures.address(peer.address("flintec"), timeout: "2s"),
                                             map: ModbusFixtures.map("flintec"), area: area)
        #expect(try await flintec.readMeasurement().force == ModbusPeer.Served.flintecForce)
        #expect(try await flintec.readPressure() == ModbusPeer.Served.flintecForce / area)

        for (name, pv, sp) in [("eurotherm", ModbusPeer.Served.eurothermProcessValue, ModbusPeer.Served.eurothermSetpoint),
                               ("jumo", ModbusPeer.Served.jumoProcessValue, ModbusPeer.Served.jumoSetpoint)] {
            let controller = try ModbusTemperatureController(
                address: ModbusFixtures.address(peer.address(name), timeout: "2s"), map: ModbusFixtures.map(name))
            let state = try await controller.readState()
            #expect(abs(state.processValue - pv) < 1e-5, "\(name)")
            #expect(abs(state.setpoint - sp) < 1e-5, "\(name)")
            #expect(try await controller.isStable(within: 0.1) == false, "\(name)")
            try await controller.setSetpoint(pv)
            #expect(abs(try await controller.readState().setpoint - pv) < 1e-4, "\(name)")
            #expect(try await controller.isStable(within: 0.1), "\(name)")
        }

        // The Laumas map read from the Flintec unit: its registers do not exist there.
        let wrong = try ModbusPressureCell(address: ModbusFixtures.address(peer.address("flintec"), timeout: "2s"),
                                           map: ModbusFixtures.map("laumas"), area: area)
        await #expect {
            try await wrong.readPressure()
        } throws: { error in
            guard let error = error as? ModbusInstrumentError, let wire = error.underlying else { return false }
            return error.code == .communication && error.instrument == "Laumas TLU"
                && wire.exception == .illegalDataAddress && wire.unit == 2 && wire.request.register == 6
                && error.detail.contains("laumas-tlu.yaml")
        }
    }
}
