#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPosixShims
import Transport

/// A pseudo-terminal pair: a simulated device holds the controller side and a
/// driver opens `devicePath` exactly as it would open `/dev/ttyACM0`.
///
/// Both sides start in raw mode so that bytes pass through unchanged.
public final class PseudoTerminal: @unchecked Sendable {
    /// The controller file descriptor, owned by this object.
    public let controller: Int32
    /// The `/dev/pts/N` path a client opens.
    public let devicePath: String

    public init() throws(TransportError) {
        var path = [CChar](repeating: 0, count: 128)
        let fd = cyclerd_open_pty(&path, UInt(path.count))
        guard fd >= 0 else {
            throw TransportError(.system, address: "/dev/ptmx", detail: "could not open a pseudo-terminal: errno \(errno)")
        }
        controller = fd
        devicePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        close(controller)
    }
}
