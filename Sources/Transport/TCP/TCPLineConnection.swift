#if canImport(Glibc)
import Glibc
#endif

/// A line-oriented TCP client: one `\n`-terminated message out, one back.
///
/// This is how a source-measure unit speaks SCPI over a LAN (raw socket, port
/// 5025). Every call has a deadline, so a silent instrument costs one timeout,
/// never a hung channel. The socket is non-blocking and waited on with
/// `poll(2)`, on a thread of the connection's own (`DedicatedThreadExecutor`),
/// never on the cooperative pool. A closed or reset peer is reported as
/// `.disconnected`; `open()` again reconnects.
public actor TCPLineConnection {
    public nonisolated let host: String
    public nonisolated let port: Int
    /// How the connection is named in errors: the address URL the user gave.
    public nonisolated let address: String
    /// Deadline for connecting and for each read or write.
    public var timeout: Duration
    /// Longest line accepted; longer input is garbage, not a reply.
    public nonisolated let maximumLineLength: Int

    private var socket: Int32 = -1
    private var pending: [UInt8] = []
    private let executor: DedicatedThreadExecutor

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public init(host: String, port: Int, timeout: Duration = .seconds(1), address: String? = nil,
                maximumLineLength: Int = 1 << 20) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.address = address ?? "\(host):\(port)"
        self.maximumLineLength = maximumLineLength
        executor = DedicatedThreadExecutor(name: "tcp \(host):\(port)")
    }

    deinit {
        if socket >= 0 { Glibc.close(socket) }
        executor.stop()
    }

    public var isOpen: Bool { socket >= 0 }

    public func setTimeout(_ timeout: Duration) { self.timeout = timeout }

    /// Connects, trying each address the host resolves to, within the timeout.
    /// An open connection is closed first, so this is also how to reconnect.
    public func open() throws(TransportError) {
        close()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var lastError = TransportError(.unavailable, address: address, detail: "no address to connect to")
        for candidate in try SocketAddressResolver.resolve(host: host, port: port, address: address) {
            do {
                socket = try connect(to: candidate, deadline: deadline)
                return
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Closes the socket and forgets unread input. Idempotent.
    public func close() {
        if socket >= 0 { Glibc.close(socket) }
        socket = -1
        pending.removeAll()
    }

    /// Sends `line` followed by `\n`.
    public func writeLine(_ line: String) throws(TransportError) {
        try write(Array(line.utf8) + [0x0A])
    }

    /// Sends raw bytes, all of them or an error.
    public func write(_ bytes: [UInt8]) throws(TransportError) {
        let fd = try openSocket()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var offset = 0
        while offset < bytes.count {
            let (sent, code) = bytes.withUnsafeBytes { buffer in
                retryingInterrupts { send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            if sent >= 0 {
                offset += sent
            } else if code == EAGAIN || code == EWOULDBLOCK {
                try wait(for: Int16(POLLOUT), on: fd, until: deadline, doing: "sending")
            } else {
                throw failure(code, doing: "sending")
            }
        }
    }

    /// The next line, without its `\n` (and a `\r` before it, if any).
    ///
    /// - Throws: `.timeout` when no complete line arrives in time (naming how
    ///   many bytes of a truncated line did), `.disconnected` when the peer
    ///   closes, `.malformed` for an over-long line or bytes that are not UTF-8.
    public func readLine() throws(TransportError) -> String {
        let fd = try openSocket()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var searched = 0
        while true {
            if let end = pending[searched...].firstIndex(of: 0x0A) {
                var line = Array(pending[..<end])
                pending.removeSubrange(...end)
                if line.last == 0x0D { line.removeLast() }
                guard let text = String(validating: line, as: UTF8.self) else {
                    throw TransportError(.malformed, address: address,
                                         detail: "received \(line.count) bytes that are not text: \(Self.hexPrefix(line))")
                }
                return text
            }
            searched = pending.count
            guard pending.count <= maximumLineLength else {
                let count = pending.count
                pending.removeAll()
                throw TransportError(.malformed, address: address,
                                     detail: "received \(count) bytes without a line end; expected replies ending in \\n")
            }
            try receive(fd, until: deadline)
        }
    }

    /// Drops whatever the peer already sent and has not been read, so the next
    /// reply belongs to the next query (after a timeout or a garbled reply).
    public func discardInput() {
        pending.removeAll()
        guard socket >= 0 else { return }
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count <= 0 { return }
        }
    }

    private func receive(_ fd: Int32, until deadline: ContinuousClock.Instant) throws(TransportError) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let (count, code) = chunk.withUnsafeMutableBytes { buffer in
                retryingInterrupts { recv(fd, buffer.baseAddress, buffer.count, 0) }
            }
            if count > 0 {
                pending.append(contentsOf: chunk[..<count])
                return
            }
            if count == 0 {
                let partial = pending.count
                close()
                throw TransportError(.disconnected, address: address, detail: partial > 0
                    ? "the instrument closed the connection after \(partial) bytes of a truncated reply"
                    : "the instrument closed the connection")
            }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw failure(code, doing: "receiving") }
            do {
                try wait(for: Int16(POLLIN), on: fd, until: deadline, doing: "receiving")
            } catch where error.kind == .timeout && !pending.isEmpty {
                throw TransportError(.timeout, address: address,
                                     detail: "received \(pending.count) bytes of a truncated reply and no line end within \(timeout)")
            }
        }
    }

    private func wait(for events: Int16, on fd: Int32, until deadline: ContinuousClock.Instant,
                      doing action: String) throws(TransportError) {
        while true {
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let (ready, code) = retryingInterrupts { Int(poll(&descriptor, 1, pollMilliseconds(until: deadline))) }
            if ready < 0 { throw failure(code, doing: action) }
            if ready > 0 { return }
            if ContinuousClock.now >= deadline {
                throw TransportError(.timeout, address: address, detail: "no answer within \(timeout) while \(action)")
            }
        }
    }

    private func openSocket() throws(TransportError) -> Int32 {
        guard socket >= 0 else {
            throw TransportError(.disconnected, address: address, detail: "the connection is not open; connect first")
        }
        return socket
    }

    private func failure(_ code: Int32, doing action: String) -> TransportError {
        switch code {
        case ECONNRESET, EPIPE, ENOTCONN, ECONNABORTED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH:
            close()
            return TransportError(.disconnected, address: address, detail: "connection lost while \(action): \(errnoDescription(code))")
        default:
            return TransportError(.system, address: address, detail: "\(action) failed: \(errnoDescription(code))")
        }
    }

    private func connect(to candidate: SocketAddressResolver.Candidate,
                         deadline: ContinuousClock.Instant) throws(TransportError) -> Int32 {
        let fd = Glibc.socket(candidate.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else {
            throw TransportError(.system, address: address, detail: "socket() failed: \(errnoDescription(errno))")
        }
        var one: Int32 = 1
        // SCPI messages are tiny; Nagle's algorithm would add up to 40 ms per query.
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var storage = candidate.storage
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, candidate.length) }
        }
        if result != 0 && errno != EINPROGRESS {
            let code = errno
            Glibc.close(fd)
            throw Self.connectFailure(code, address: address, host: host, port: port)
        }
        if result != 0 {
            do {
                try wait(for: Int16(POLLOUT), on: fd, until: deadline, doing: "connecting")
            } catch {
                Glibc.close(fd)
                throw TransportError(.unavailable, address: address, detail: "no connection to \(host):\(port) within \(timeout); is the instrument on and its LAN port enabled?")
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code != 0 {
                Glibc.close(fd)
                throw Self.connectFailure(code, address: address, host: host, port: port)
            }
        }
        return fd
    }

    private static func connectFailure(_ code: Int32, address: String, host: String, port: Int) -> TransportError {
        TransportError(.unavailable, address: address,
                       detail: "cannot connect to \(host):\(port): \(errnoDescription(code)); check the host, the port (SCPI raw socket is 5025) and that the instrument is on")
    }

    private static func hexPrefix(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(16).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }
        return shown.joined(separator: " ") + (bytes.count > 16 ? " …" : "")
    }
}
