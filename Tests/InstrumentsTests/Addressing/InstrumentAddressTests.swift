import Testing

@testable import Instruments

@Suite("Instrument addresses")
struct InstrumentAddressTests {
    @Test func methodScriptSerialPort() throws {
        let address = try InstrumentAddress(parsing: "methodscript:/dev/ttyACM0?baud=921600")
        #expect(address.endpoint == .methodScript(SerialSettings(path: "/dev/ttyACM0", baudRate: 921_600)))
        #expect(address.timeout == .seconds(1))
    }

    @Test func usbtmcWithAndWithoutSerial() throws {
        #expect(try InstrumentAddress(parsing: "usbtmc://05e6:2450").endpoint
            == .usbtmc(USBDeviceSelector(vendorID: 0x05e6, productID: 0x2450)))
        #expect(try InstrumentAddress(parsing: "usbtmc://05E6:2450/04412345").endpoint
            == .usbtmc(USBDeviceSelector(vendorID: 0x05e6, productID: 0x2450, serialNumber: "04412345")))
    }

    @Test func tcpForms() throws {
        #expect(try InstrumentAddress(parsing: "scpi+tcp://127.0.0.1:5025").endpoint == .scpiTCP(host: "127.0.0.1", port: 5025))
        #expect(try InstrumentAddress(parsing: "scpi+tcp://localhost").endpoint == .scpiTCP(host: "localhost", port: 5025))
        #expect(try InstrumentAddress(parsing: "scpi+tcp://[::1]:6000").endpoint == .scpiTCP(host: "::1", port: 6000))
        #expect(try InstrumentAddress(parsing: "modbus+tcp://127.0.0.1:1502?unit=7&timeout=250ms").endpoint
            == .modbusTCP(host: "127.0.0.1", port: 1502, unit: 7))
        #expect(try InstrumentAddress(parsing: "modbus+tcp://127.0.0.1:1502?timeout=250ms").timeout == .milliseconds(250))
    }

    @Test func modbusRTU() throws {
        let address = try InstrumentAddress(parsing: "modbus+rtu:/dev/ttyUSB0?baud=19200&unit=3&parity=e&stopbits=2")
        #expect(address.endpoint == .modbusRTU(
            SerialSettings(path: "/dev/ttyUSB0", baudRate: 19_200, parity: .even, stopBits: 2), unit: 3))
    }

    @Test func simulatedBench() throws {
        #expect(try InstrumentAddress(parsing: "sim:li-lpscl-li").endpoint == .simulated(preset: "li-lpscl-li"))
    }

    @Test(arguments: [
        ("ttyACM0", "no scheme"),
        ("gpib://1", "unknown scheme"),
        ("usbtmc://05e6", "VID:PID"),
        ("usbtmc://05e6:2450/", "empty serial"),
        ("scpi+tcp://127.0.0.1:99999", "port"),
        ("scpi+tcp:127.0.0.1", "//"),
        ("modbus+tcp://127.0.0.1?unit=300", "unit=300"),
        ("modbus+rtu:/dev/ttyUSB0?parity=X", "parity"),
        ("modbus+rtu:/dev/ttyUSB0?baud=fast", "baud=fast"),
        ("methodscript:ttyACM0", "device path"),
        ("methodscript:/dev/ttyACM0?speed=9600", "unknown option \"speed\""),
        ("scpi+tcp://127.0.0.1?timeout=5V", "timeout=5V"),
        ("sim:", "no preset"),
    ])
    func badAddressesSayWhatIsWrong(text: String, mention: String) {
        #expect {
            try InstrumentAddress(parsing: text)
        } throws: { error in
            let message = (error as? InstrumentAddressError)?.description ?? ""
            return message.contains(text) && message.contains(mention)
        }
    }
}
