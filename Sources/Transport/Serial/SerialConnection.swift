/// One serial connection as an actor whose code runs on a thread of its own.
///
/// The blocking `poll(2)`/`read(2)` of `SerialPort` therefore never occupies
/// the cooperative pool. A driver actor can share this executor (return
/// `connection.unownedExecutor` from its own `unownedExecutor`) so that its
/// calls into the connection need no thread hop.
///
/// The connection remembers how it was opened, so after the device vanishes
/// (`TransportError.Kind.disconnected`) `reconnect(within:)` reopens the same
/// path when the device comes back.
public actor SerialConnection {
    /// The path (or name), for error messages.
    public nonisolated let address: String
    private let executor: DedicatedThreadExecutor
    private let opener: (@Sendable () throws(TransportError) -> SerialPort)?
    private var port: SerialPort?

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// The connection's thread as a task executor, for a task that should run
    /// beside its I/O (`Task(executorPreference:)`) rather than on the pool.
    public nonisolated var taskExecutor: any TaskExecutor { executor }

    /// A connection to a serial device path; call `open()` before use.
    public init(path: String, baudRate: Int, parity: SerialParity = .none, dataBits: Int = 8, stopBits: Int = 1,
                maximumLineLength: Int = 4096) {
        address = path
        executor = DedicatedThreadExecutor(name: "serial \(path)")
        opener = { () throws(TransportError) in
            try SerialPort(path: path, baudRate: baudRate, parity: parity, dataBits: dataBits, stopBits: stopBits,
                           maximumLineLength: maximumLineLength)
        }
    }

    /// A connection over a descriptor someone else opened (a pty controller);
    /// it takes ownership and cannot be reopened.
    public init(adopting descriptor: Int32, name: String, maximumLineLength: Int = 4096) throws(TransportError) {
        address = name
        executor = DedicatedThreadExecutor(name: "serial \(name)")
        opener = nil
        port = try SerialPort(adopting: descriptor, name: name, maximumLineLength: maximumLineLength)
    }

    deinit {
        executor.stop()
    }

    public var isOpen: Bool { port?.isOpen ?? false }

    /// Opens the device (again, after a disconnect). Idempotent while open.
    public func open() throws(TransportError) {
        if let port, port.isOpen { return }
        guard let opener else {
            throw TransportError(.unavailable, address: address, detail: "an adopted descriptor cannot be reopened")
        }
        port = try opener()
    }

    /// Reopens the device, retrying every `interval` until it is back or
    /// `within` has passed (then the last `.unavailable` error is thrown).
    /// A cancelled task stops retrying at once.
    public func reconnect(within: Duration, interval: Duration = .milliseconds(100)) async throws(TransportError) {
        port?.close()
        port = nil
        let deadline = ContinuousClock.now + within
        while true {
            do throws(TransportError) {
                try open()
                return
            } catch {
                guard error.isRecoverableByReconnect, ContinuousClock.now + interval < deadline, !Task.isCancelled else { throw error }
            }
            try? await Task.sleep(for: interval)
        }
    }

    public func close() {
        port?.close()
    }

    /// Writes all of `bytes`; see `SerialPort.write(_:timeout:keepWaiting:)`.
    public func write(_ bytes: [UInt8], timeout: Duration,
                      keepWaiting: @Sendable () -> Bool = { false }) throws(TransportError) {
        try openPort().write(bytes, timeout: timeout, keepWaiting: keepWaiting)
    }

    public func writeLine(_ text: String, timeout: Duration) throws(TransportError) {
        try openPort().writeLine(text, timeout: timeout)
    }

    public func readLine(timeout: Duration) throws(TransportError) -> String {
        try openPort().readLine(timeout: timeout)
    }

    /// A line if one has already arrived, without waiting.
    public func availableLine() throws(TransportError) -> String? {
        try openPort().availableLine()
    }

    public func discardInput() {
        port?.discardInput()
    }

    private func openPort() throws(TransportError) -> SerialPort {
        guard let port, port.isOpen else {
            throw TransportError(.disconnected, address: address, detail: "the connection is closed; reconnect first")
        }
        return port
    }
}
