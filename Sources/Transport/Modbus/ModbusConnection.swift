import CModbus
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Modbus master connection (TCP or RTU) to one unit, owned by one actor.
///
/// Every libmodbus call runs on the actor's private dispatch queue, never on
/// the cooperative pool, and is bounded by the response timeout: the byte
/// timeout is disabled so the whole response must arrive within it (a
/// trickling or truncated reply cannot stretch the wait). The connection opens
/// lazily and is dropped after any failure other than a Modbus exception, so
/// the next request reconnects; a request that finds a kept connection gone
/// (the server restarted while idle) reconnects once and retries at once.
public actor ModbusConnection {
    public nonisolated let endpoint: ModbusEndpoint
    public nonisolated let unit: Int
    public nonisolated let timeout: Duration
    private nonisolated let executor: DedicatedThreadExecutor
    /// The libmodbus context while connected.
    private var context: LibModbusContext?

    /// Most registers one read may ask for (Modbus application protocol, §6.3).
    public static let maximumReadCount = 125
    /// Most registers one write-multiple may carry (§6.12).
    public static let maximumWriteCount = 123

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// - Parameters:
    ///   - unit: the unit (slave) identifier, 1–247 on a serial line.
    ///   - timeout: how long one whole response may take.
    public init(endpoint: ModbusEndpoint, unit: Int, timeout: Duration) {
        self.endpoint = endpoint
        self.unit = unit
        self.timeout = timeout
        executor = DedicatedThreadExecutor(name: "modbus \(endpoint)")
    }

    deinit {
        executor.stop()
    }

    /// Whether a connection is open now.
    public var isConnected: Bool { context != nil }

    /// Reads `count` consecutive registers from `table`, starting at the zero-based `register`.
    public func readRegisters(_ table: ModbusRegisterTable, at register: Int, count: Int) throws(ModbusError) -> [UInt16] {
        let request = ModbusRequest(.read(table), register: register, count: count)
        try check(request, limit: Self.maximumReadCount)
        var values = [UInt16](repeating: 0, count: count)
        try exchange(request) { context in
            values.withUnsafeMutableBufferPointer { buffer in
                switch table {
                case .holding: modbus_read_registers(context, Int32(register), Int32(count), buffer.baseAddress)
                case .input: modbus_read_input_registers(context, Int32(register), Int32(count), buffer.baseAddress)
                }
            }
        }
        return values
    }

    /// Writes holding registers from the zero-based `register` on: function 6
    /// for one register, 16 for several (so a 32-bit value changes atomically).
    public func writeRegisters(at register: Int, _ values: [UInt16]) throws(ModbusError) {
        let request = ModbusRequest(.write, register: register, count: values.count)
        try check(request, limit: Self.maximumWriteCount)
        try exchange(request) { context in
            if values.count == 1 { return modbus_write_register(context, Int32(register), values[0]) }
            return values.withUnsafeBufferPointer { buffer in
                modbus_write_registers(context, Int32(register), Int32(values.count), buffer.baseAddress)
            }
        }
    }

    /// Closes the connection; the next request opens a new one.
    public func disconnect() {
        context = nil
    }

    // MARK: Exchanges

    private func check(_ request: ModbusRequest, limit: Int) throws(ModbusError) {
        guard (1...limit).contains(request.count), (0...0xFFFF).contains(request.register),
              request.register + request.count <= 0x10000 else {
            throw failure(.system, request, "asks for \(request.count) registers at \(request.register); "
                          + "expected 1–\(limit) registers within addresses 0–65535")
        }
    }

    /// Runs one libmodbus call (which returns -1 and sets errno on failure),
    /// connecting first and retrying once on a kept connection found dead.
    private func exchange(_ request: ModbusRequest, _ call: (OpaquePointer) -> Int32) throws(ModbusError) {
        let reused = context != nil
        do {
            try attempt(request, call)
        } catch where reused && error.kind == .disconnected {
            try attempt(request, call)
        }
    }

    private func attempt(_ request: ModbusRequest, _ call: (OpaquePointer) -> Int32) throws(ModbusError) {
        let context = try connected(for: request)
        guard call(context) < 0 else { return }
        let error = classify(errno, request)
        if error.exception == nil { disconnect() }
        throw error
    }

    private func connected(for request: ModbusRequest) throws(ModbusError) -> OpaquePointer {
        if let context { return context.pointer }
        let connecting = ModbusRequest(.connect, register: request.register, count: request.count)
        let created: OpaquePointer? = switch endpoint {
        case .tcp(let host, let port): modbus_new_tcp_pi(host, String(port))
        case .rtu(let path, let baud, let parity, let dataBits, let stopBits):
            modbus_new_rtu(path, Int32(baud), CChar(UInt8(ascii: parity.rawValue.unicodeScalars.first ?? "N")),
                           Int32(dataBits), Int32(stopBits))
        }
        guard let created else {
            throw failure(.unavailable, connecting, "libmodbus refused the settings: \(message(errno))")
        }
        let (seconds, microseconds) = Self.split(timeout)
        modbus_set_slave(created, Int32(unit))
        modbus_set_response_timeout(created, seconds, microseconds)
        modbus_set_byte_timeout(created, 0, 0)
        guard modbus_connect(created) == 0 else {
            let code = errno
            modbus_free(created)
            let kind: TransportError.Kind = code == ETIMEDOUT || code == EINPROGRESS ? .timeout : .unavailable
            throw failure(kind, connecting, "could not connect: \(message(code)); "
                          + (endpoint.isSerial ? "check the device path and its permissions (dialout group)"
                                               : "check that the device is on and listening on that port"))
        }
        // A request written before the device was listening may still sit in
        // a serial buffer; its late answer must not pass for ours.
        modbus_flush(created)
        context = LibModbusContext(created)
        return created
    }

    /// Turns errno after a failed libmodbus call into a typed error.
    private func classify(_ code: Int32, _ request: ModbusRequest) -> ModbusError {
        let offset = Int(code) - Int(MODBUS_ENOBASE)
        if let exception = ModbusException(rawValue: offset) {
            return ModbusError(.rejected, exception: exception, connection: endpoint.description, unit: unit,
                               request: request, detail: "the device answered with exception \(offset): \(exception)")
        }
        switch code {
        case ETIMEDOUT:
            return failure(.timeout, request, "no complete response within \(timeout); "
                           + "check the unit id, the wiring and the line settings")
        case ECONNRESET, EPIPE, ENOTCONN, ECONNABORTED, EBADF, EIO, ENXIO, ENODEV:
            return failure(.disconnected, request, "the connection was lost (\(message(code)))")
        default:
            // EMBBADCRC … EMBBADSLAVE follow the last exception code.
            if (12...17).contains(offset) {
                return failure(.malformed, request, "the response does not follow the Modbus protocol: \(message(code))")
            }
            return failure(.system, request, message(code))
        }
    }

    private func failure(_ kind: TransportError.Kind, _ request: ModbusRequest, _ detail: String) -> ModbusError {
        ModbusError(kind, connection: endpoint.description, unit: unit, request: request, detail: detail)
    }

    private func message(_ code: Int32) -> String {
        String(cString: modbus_strerror(code))
    }

    static func split(_ duration: Duration) -> (UInt32, UInt32) {
        let (seconds, attoseconds) = duration.components
        let clampedSeconds = UInt32(clamping: max(seconds, 0))
        let microseconds = UInt32(clamping: max(attoseconds / 1_000_000_000_000, 0))
        // libmodbus treats 0 s 0 µs as invalid; a zero timeout means "as short as possible".
        return clampedSeconds == 0 && microseconds == 0 ? (0, 1) : (clampedSeconds, microseconds)
    }
}

extension ModbusEndpoint {
    var isSerial: Bool {
        if case .rtu = self { true } else { false }
    }
}
