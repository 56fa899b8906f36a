import Foundation
import Glibc
import ServiceLifecycle

/// systemd's notification protocol, spoken directly: datagrams to the Unix
/// socket in `$NOTIFY_SOCKET` (READY=1, STATUS=…, WATCHDOG=1, STOPPING=1), no
/// libsystemd needed. Without the variable (a terminal) it says nothing.
final class ServiceManagerNotifier: Sendable {
    private let socketPath: String?
    /// Half the watchdog interval systemd asked for, or a status refresh every 10 s.
    private let interval: Duration

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"]
        if let micros = environment["WATCHDOG_USEC"].flatMap(Int64.init), micros > 0 {
            interval = .microseconds(micros / 2)
        } else {
            interval = .seconds(10)
        }
    }

    /// Sends one notification; failures are ignored (the service manager may have gone).
    func send(_ message: String) {
        guard var path = socketPath else { return }
        // An abstract socket is written with a leading @ and addressed with a leading NUL.
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        _ = message.withCString { text in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, text, strlen(text), 0, $0, length) }
            }
        }
    }

    /// READY=1 once, then STATUS and WATCHDOG every `interval` until the
    /// service group shuts down (the wait ends at once then, so it never
    /// holds up a stop).
    func keepAlive(status: @escaping @Sendable () -> String) async {
        send("READY=1\nSTATUS=\(status())")
        let interval = interval
        while !Task.isShuttingDownGracefully {
            guard (try? await cancelWhenGracefulShutdown({ try await Task.sleep(for: interval) })) != nil else { return }
            send("WATCHDOG=1\nSTATUS=\(status())")
        }
    }
}
