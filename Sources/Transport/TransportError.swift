/// A failure of a byte transport, named so a lab engineer reading the journal
/// knows which connection failed, what was expected, and what to try.
///
/// Every transport (serial, USB, TCP, Modbus) throws this type; drivers wrap it
/// with the instrument's name.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarse enough for a driver to decide whether to reconnect.
    public enum Kind: String, Sendable, Equatable {
        /// Nothing (or not enough) arrived before the deadline.
        case timeout
        /// The device or peer went away: EOF, EIO, ENXIO, ENODEV, a reset connection.
        case disconnected
        /// The device could not be opened or found.
        case unavailable
        /// Bytes arrived that do not follow the wire protocol.
        case malformed
        /// The peer answered with a protocol-level error (a Modbus exception, say).
        case rejected
        /// The operating system refused an operation for another reason.
        case system

        /// Whether reopening the connection may cure a failure of this kind.
        public var isRecoverableByReconnect: Bool {
            switch self {
            case .disconnected, .unavailable, .timeout: true
            case .malformed, .rejected, .system: false
            }
        }
    }

    public var kind: Kind
    /// The connection, in the URL form users type (`/dev/ttyACM0`, `127.0.0.1:502`).
    public var address: String
    /// What happened and what was expected, in words.
    public var detail: String

    public init(_ kind: Kind, address: String, detail: String) {
        self.kind = kind
        self.address = address
        self.detail = detail
    }

    /// Whether reopening the connection may cure this failure.
    public var isRecoverableByReconnect: Bool { kind.isRecoverableByReconnect }

    public var description: String {
        "\(address): \(kind.rawValue): \(detail)"
    }
}
