import Electrochemistry

/// Where an instrument is, in the URL form lab engineers type on the command
/// line and in configs:
///
/// | form | example |
/// |---|---|
/// | MethodSCRIPT on a serial port | `methodscript:/dev/ttyACM0?baud=921600` |
/// | SCPI over USBTMC | `usbtmc://05e6:2450` or `usbtmc://05e6:2450/04412345` |
/// | SCPI over raw TCP | `scpi+tcp://192.168.1.20:5025` |
/// | Modbus TCP | `modbus+tcp://127.0.0.1:502?unit=1` |
/// | Modbus RTU | `modbus+rtu:/dev/ttyUSB0?baud=19200&unit=3&parity=E` |
/// | the in-process simulated bench | `sim:nmc811-lpscl-liin` |
///
/// Every form takes `timeout=` (a duration such as `500ms`; default 1 s).
public struct InstrumentAddress: Sendable, Hashable, CustomStringConvertible {
    /// What kind of connection, with the settings that kind needs.
    public enum Endpoint: Sendable, Hashable {
        case methodScript(SerialSettings)
        case usbtmc(USBDeviceSelector)
        case scpiTCP(host: String, port: Int)
        case modbusTCP(host: String, port: Int, unit: Int)
        case modbusRTU(SerialSettings, unit: Int)
        case simulated(preset: String)
    }

    public var endpoint: Endpoint
    /// How long a single exchange may take before the driver gives up.
    public var timeout: Duration
    /// The text the user typed, for error messages.
    public let text: String

    public var description: String { text }

    public init(endpoint: Endpoint, timeout: Duration = .seconds(1), text: String) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.text = text
    }

    /// Parses an address, naming the part that is wrong and showing a valid form.
    public init(parsing text: String) throws(InstrumentAddressError) {
        let trimmed = text.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw InstrumentAddressError(text, "has no scheme; expected one of \(Self.schemeList)")
        }
        let scheme = String(trimmed[..<colon]).lowercased()
        let rest = trimmed[trimmed.index(after: colon)...]
        var query = try QueryParameters(splitting: rest, address: text)
        let target = query.target
        let endpoint: Endpoint
        switch scheme {
        case "methodscript":
            endpoint = .methodScript(try Self.serial(target, &query, defaultBaud: 230_400, address: text))
        case "usbtmc":
            endpoint = .usbtmc(try USBDeviceSelector(parsing: Self.authority(target, address: text), address: text))
        case "scpi+tcp":
            let (host, port) = try Self.hostAndPort(target, defaultPort: 5025, address: text)
            endpoint = .scpiTCP(host: host, port: port)
        case "modbus+tcp":
            let (host, port) = try Self.hostAndPort(target, defaultPort: 502, address: text)
            endpoint = .modbusTCP(host: host, port: port, unit: try query.integer("unit", default: 1, in: 0...247))
        case "modbus+rtu":
            let serial = try Self.serial(target, &query, defaultBaud: 19_200, address: text)
            endpoint = .modbusRTU(serial, unit: try query.integer("unit", default: 1, in: 1...247))
        case "sim":
            guard !target.isEmpty else {
                throw InstrumentAddressError(text, "names no preset; expected e.g. sim:li-lpscl-li (see `cyclerctl sim presets`)")
            }
            endpoint = .simulated(preset: target)
        default:
            throw InstrumentAddressError(text, "has unknown scheme \"\(scheme)\"; expected one of \(Self.schemeList)")
        }
        let timeout = try query.duration("timeout", default: .seconds(1))
        try query.rejectUnused()
        self.init(endpoint: endpoint, timeout: timeout, text: text)
    }

    static let schemeList = "methodscript:, usbtmc://, scpi+tcp://, modbus+tcp://, modbus+rtu:, sim:"

    private static func authority(_ target: String, address: String) throws(InstrumentAddressError) -> String {
        guard target.hasPrefix("//") else {
            throw InstrumentAddressError(address, "needs \"//\" after the scheme, e.g. usbtmc://05e6:2450")
        }
        return String(target.dropFirst(2))
    }

    private static func hostAndPort(
        _ target: String, defaultPort: Int, address: String
    ) throws(InstrumentAddressError) -> (String, Int) {
        let authority = try authority(target, address: address)
        var host = authority
        var port = defaultPort
        if authority.hasPrefix("[") {
            // IPv6 literal: [::1]:5025
            guard let close = authority.firstIndex(of: "]") else {
                throw InstrumentAddressError(address, "has an unclosed \"[\" in its host")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = try parsePort(String(after.dropFirst()), address: address) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try parsePort(String(authority[authority.index(after: colon)...]), address: address)
        }
        guard !host.isEmpty, !host.contains("/") else {
            throw InstrumentAddressError(address, "has no host; expected e.g. //127.0.0.1:\(defaultPort)")
        }
        return (host, port)
    }

    private static func parsePort(_ text: String, address: String) throws(InstrumentAddressError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw InstrumentAddressError(address, "has port \"\(text)\"; expected a number from 1 to 65535")
        }
        return port
    }

    private static func serial(
        _ target: String, _ query: inout QueryParameters, defaultBaud: Int, address: String
    ) throws(InstrumentAddressError) -> SerialSettings {
        guard target.hasPrefix("/"), !target.hasPrefix("//") else {
            throw InstrumentAddressError(address, "needs a device path such as /dev/ttyACM0 after the scheme")
        }
        let baud = try query.integer("baud", default: defaultBaud, in: 50...4_000_000)
        let parityText = query.take("parity") ?? "N"
        guard let parity = SerialSettings.Parity(rawValue: parityText.uppercased()) else {
            throw InstrumentAddressError(address, "has parity \"\(parityText)\"; expected N, E or O")
        }
        let stopBits = try query.integer("stopbits", default: 1, in: 1...2)
        return SerialSettings(path: target, baudRate: baud, parity: parity, stopBits: stopBits)
    }
}

/// How to open a serial line: the device path and its framing.
public struct SerialSettings: Sendable, Hashable {
    public enum Parity: String, Sendable, Hashable {
        case none = "N", even = "E", odd = "O"
    }

    public var path: String
    public var baudRate: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(path: String, baudRate: Int, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.path = path
        self.baudRate = baudRate
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }
}

/// Which USB device to open: `VID:PID`, optionally narrowed by serial number.
public struct USBDeviceSelector: Sendable, Hashable {
    public var vendorID: UInt16
    public var productID: UInt16
    public var serialNumber: String?

    public init(vendorID: UInt16, productID: UInt16, serialNumber: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
    }

    /// `05e6:2450` or `05e6:2450/SERIAL`, hexadecimal IDs.
    init(parsing text: String, address: String) throws(InstrumentAddressError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let ids = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        guard ids.count == 2, let vendor = UInt16(ids[0], radix: 16), let product = UInt16(ids[1], radix: 16) else {
            throw InstrumentAddressError(address, "needs VID:PID in hexadecimal, e.g. usbtmc://05e6:2450")
        }
        let serial = parts.count > 1 ? String(parts[1]) : nil
        if let serial, serial.isEmpty {
            throw InstrumentAddressError(address, "has an empty serial number after \"/\"; drop the \"/\" or give the serial")
        }
        self.init(vendorID: vendor, productID: product, serialNumber: serial)
    }
}

/// A malformed address, with what was expected.
public struct InstrumentAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public var address: String
    public var message: String

    init(_ address: String, _ message: String) {
        self.address = address
        self.message = message
    }

    public var description: String { "instrument address \"\(address)\" \(message)" }
}

/// The `?key=value&…` part of an address; every key must be used by the scheme.
private struct QueryParameters {
    var target: String
    private var values: [String: String] = [:]
    private let address: String

    init(splitting rest: Substring, address: String) throws(InstrumentAddressError) {
        self.address = address
        let pieces = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        target = String(pieces[0])
        guard pieces.count > 1 else { return }
        for pair in pieces[1].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty else {
                throw InstrumentAddressError(address, "has \"\(pair)\" in its query; expected key=value")
            }
            values[kv[0].lowercased()] = String(kv[1])
        }
    }

    mutating func take(_ key: String) -> String? {
        values.removeValue(forKey: key)
    }

    mutating func integer(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(InstrumentAddressError) -> Int {
        guard let text = take(key) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw InstrumentAddressError(address, "has \(key)=\(text); expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    mutating func duration(_ key: String, default value: Duration) throws(InstrumentAddressError) -> Duration {
        guard let text = take(key) else { return value }
        let seconds: Double
        do {
            seconds = try Quantity.parse(text, expecting: .time, defaultUnit: "s").value
        } catch {
            throw InstrumentAddressError(address, "has \(key)=\(text): \(error.message)")
        }
        guard seconds > 0, seconds.isFinite else {
            throw InstrumentAddressError(address, "has \(key)=\(text); expected a positive duration such as 500ms")
        }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    func rejectUnused() throws(InstrumentAddressError) {
        if let key = values.keys.sorted().first {
            throw InstrumentAddressError(address, "has unknown option \"\(key)\" for this scheme")
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
