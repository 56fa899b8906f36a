import Transport

extension ModbusConnection {
    /// A connection to a `modbus+tcp://` or `modbus+rtu:` address, with its unit and timeout.
    ///
    /// - Throws: `InstrumentAddressError` when the address is not a Modbus one.
    public init(_ address: InstrumentAddress) throws(InstrumentAddressError) {
        switch address.endpoint {
        case .modbusTCP(let host, let port, let unit):
            self.init(endpoint: .tcp(host: host, port: port), unit: unit, timeout: address.timeout)
        case .modbusRTU(let serial, let unit):
            let parity: ModbusEndpoint.Parity = switch serial.parity {
            case .none: .none
            case .even: .even
            case .odd: .odd
            }
            self.init(endpoint: .rtu(path: serial.path, baudRate: serial.baudRate, parity: parity,
                                     dataBits: serial.dataBits, stopBits: serial.stopBits),
                      unit: unit, timeout: address.timeout)
        default:
            throw InstrumentAddressError(address.text, "is not a Modbus address; expected modbus+tcp://HOST:PORT?unit=N "
                                         + "or modbus+rtu:/dev/ttyUSB0?baud=19200&unit=N")
        }
    }
}
