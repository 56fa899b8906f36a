#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Transport

/// A simulated SMU's LAN port: SCPI over a raw TCP socket, `\n`-terminated,
/// as a Keithley 2450 serves it on port 5025.
///
/// It binds loopback only. `stop()` drops every connection and the listener,
/// as an instrument does when it is switched off; `start()` brings it back on
/// the same port, so a driver's reconnection can be tested. A `fault` makes
/// the wire misbehave on purpose.
public final class SCPITCPServer: Sendable {
    public let meter: SimulatedSourceMeter
    public let host: String
    /// The bound port (the kernel picks one when asked for 0).
    public let port: Int
    private let state: Mutex<State>
    /// Where the instrument's SCPI runs, off the cooperative pool.
    private let executor = DedicatedThreadExecutor(name: "scpi-sim")

    private struct State {
        var listener: Int32 = -1
        var clients: [Int32] = []
        var generation = 0
        var fault = SCPIWireFault.none
    }

    /// The address a driver is given: `scpi+tcp://127.0.0.1:PORT`.
    public var address: String { "scpi+tcp://\(host):\(port)" }

    public init(meter: SimulatedSourceMeter, host: String = "127.0.0.1", port: Int = 0) throws(TransportError) {
        guard host == "127.0.0.1" || host == "localhost" else {
            throw TransportError(.unavailable, address: "\(host):\(port)",
                                 detail: "the simulator serves loopback only; use 127.0.0.1")
        }
        self.meter = meter
        self.host = "127.0.0.1"
        let listener = try Self.listen(port: port)
        self.port = Self.boundPort(listener)
        state = Mutex(State(listener: listener))
        startAccepting(listener, generation: 0)
    }

    deinit {
        stop()
        executor.stop()
    }

    public var fault: SCPIWireFault {
        get { state.withLock { $0.fault } }
        set { state.withLock { $0.fault = newValue } }
    }

    /// Closes the listener and every connection: the instrument vanishes.
    public func stop() {
        let (listener, clients) = state.withLock { state -> (Int32, [Int32]) in
            defer { state.listener = -1; state.clients = []; state.generation += 1 }
            return (state.listener, state.clients)
        }
        for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
        if listener >= 0 { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    /// Listens again on the same port after `stop()`: the instrument is back.
    public func start() throws(TransportError) {
        // The old listener is closed by its accept thread within one poll
        // interval; until then the port may still read as in use.
        var attempts = 0
        var listener: Int32 = -1
        while listener < 0 {
            do {
                listener = try Self.listen(port: port)
            } catch where attempts < 20 {
                attempts += 1
                usleep(50_000)
            }
        }
        let generation = state.withLock { state -> Int in
            state.listener = listener
            return state.generation
        }
        startAccepting(listener, generation: generation)
    }

    private func isCurrent(_ generation: Int) -> Bool { state.withLock { $0.generation == generation } }

    private func startAccepting(_ listener: Int32, generation: Int) {
        let thread = Thread { [self] in
            defer { close(listener) }
            while isCurrent(generation) {
                var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 100) > 0 else { continue }
                let client = accept(listener, nil, nil)
                guard client >= 0 else { continue }
                var one: Int32 = 1
                setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                let admitted = state.withLock { state -> Bool in
                    guard state.generation == generation else { return false }
                    state.clients.append(client)
                    return true
                }
                guard admitted else { close(client); break }
                let serving = Thread { [self] in serve(client, generation: generation) }
                serving.name = "scpi-sim client"
                serving.start()
            }
        }
        thread.name = "scpi-sim accept :\(port)"
        thread.start()
    }

    private func serve(_ client: Int32, generation: Int) {
        defer {
            state.withLock { $0.clients.removeAll { $0 == client } }
            close(client)
        }
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while isCurrent(generation) {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                return
            }
            pending += chunk[..<count]
            while let end = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                let meter = meter
                guard let reply = BlockingBridge.run(on: executor, { await meter.execute(line) }) else { continue }
                let bytes: [UInt8]
                switch fault {
                case .none: bytes = Array(reply.utf8) + [0x0A]
                case .silent: continue
                case .garbage: bytes = [0xFF, 0x00, 0xFE, 0x13, 0x80, 0x9F, 0x0A]
                case .truncated: bytes = Array(Array(reply.utf8).prefix(max(1, reply.utf8.count / 2)))
                }
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    private static func listen(port: Int) throws(TransportError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TransportError(.system, address: "127.0.0.1:\(port)", detail: "socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 4) == 0 else {
            let code = errno
            close(fd)
            throw TransportError(.unavailable, address: "127.0.0.1:\(port)",
                                 detail: "cannot listen: \(String(cString: strerror(code))); is another simulator on this port?")
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
