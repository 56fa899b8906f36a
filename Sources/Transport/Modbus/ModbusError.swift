/// A failed Modbus exchange, naming the connection, unit, function and
/// register, so that "illegal data address" points straight at the wrong line
/// of a register map.
public struct ModbusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Coarse kind, shared with every transport, for reconnect decisions.
    public var kind: TransportError.Kind
    /// The device's exception, when `kind` is `.rejected`.
    public var exception: ModbusException?
    /// The connection (`127.0.0.1:1502`, `/dev/ttyUSB0 19200 8N1`).
    public var connection: String
    /// Unit (slave) identifier the request went to.
    public var unit: Int
    public var request: ModbusRequest
    /// What happened and what was expected, in words.
    public var detail: String

    public init(_ kind: TransportError.Kind, exception: ModbusException? = nil, connection: String, unit: Int,
                request: ModbusRequest, detail: String) {
        self.kind = kind
        self.exception = exception
        self.connection = connection
        self.unit = unit
        self.request = request
        self.detail = detail
    }

    /// Whether reopening the connection may cure this failure.
    public var isRecoverableByReconnect: Bool {
        TransportError(kind, address: connection, detail: detail).isRecoverableByReconnect
    }

    public var description: String {
        "Modbus \(connection) unit \(unit), \(request): \(kind.rawValue): \(detail)"
    }
}
