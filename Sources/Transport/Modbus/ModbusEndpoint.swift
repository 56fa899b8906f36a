/// Where a Modbus device is reached: a TCP server or a serial (RTU) line.
///
/// Transport keeps its own endpoint type because it sits below `Instruments`,
/// where the user-facing address URLs are parsed.
public enum ModbusEndpoint: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtu(path: String, baudRate: Int, parity: Parity, dataBits: Int, stopBits: Int)

    public enum Parity: String, Sendable, Hashable {
        case none = "N", even = "E", odd = "O"
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .rtu(let path, let baud, let parity, let dataBits, let stopBits): "\(path) \(baud) \(dataBits)\(parity.rawValue)\(stopBits)"
        }
    }
}
