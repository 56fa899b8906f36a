import Instruments
import Testing
import Transport

/// What the connection refuses before touching the wire.
@Suite struct ModbusConnectionTests {
    @Test func oversizedRequestsAreRefusedWithTheLimit() async {
        let connection = ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: 1), unit: 1, timeout: .milliseconds(100))
        await #expect {
            try await connection.readRegisters(.input, at: 0, count: 126)
        } throws: { error in
            guard let error = error as? ModbusError else { return false }
            return error.kind == .system && error.detail.contains("1–125") && error.request.count == 126
        }
        await #expect {
            try await connection.writeRegisters(at: 0xFFFF, [1, 2])
        } throws: { error in
            (error as? ModbusError)?.detail.contains("65535") == true
        }
        #expect(await connection.isConnected == false)
    }

    @Test func addressesBecomeEndpoints() throws {
        let rtu = try ModbusConnection(InstrumentAddress(parsing: "modbus+rtu:/dev/ttyUSB0?baud=9600&parity=E&unit=3&timeout=250ms"))
        #expect(rtu.endpoint == .rtu(path: "/dev/ttyUSB0", baudRate: 9600, parity: .even, dataBits: 8, stopBits: 1))
        #expect(rtu.unit == 3 && rtu.timeout == .milliseconds(250))
        let tcp = try ModbusConnection(InstrumentAddress(parsing: "modbus+tcp://[::1]:1502?unit=7"))
        #expect(tcp.endpoint == .tcp(host: "::1", port: 1502) && tcp.endpoint.description == "[::1]:1502")
        #expect(throws: InstrumentAddressError.self) {
            try ModbusConnection(InstrumentAddress(parsing: "scpi+tcp://127.0.0.1:5025"))
        }
    }
}
