import Transport

/// A message-based link to a SCPI instrument: one command or query out, one
/// reply back. Raw TCP (port 5025) and USBTMC both satisfy it, so the
/// source-measure unit driver is written once.
public protocol SCPIConnection: Actor {
    /// The address URL, for error messages.
    nonisolated var address: String { get }
    var isOpen: Bool { get }
    /// Connects, or reconnects after a failure.
    func open() throws(TransportError)
    func close()
    func setTimeout(_ timeout: Duration)
    /// Sends one program message; the connection adds the `\n` terminator.
    func send(_ message: String) throws(TransportError)
    /// Reads one response message, without its terminator.
    func receive() throws(TransportError) -> String
    /// Sends a query and reads its reply in one call: one hop to the
    /// connection's thread instead of two, which is most of a sample's cost.
    func query(_ message: String) throws(TransportError) -> String
    /// Device clear: drops input and output in flight so the next reply
    /// belongs to the next query.
    func clear() throws(TransportError)
}

extension SCPIConnection {
    public func query(_ message: String) throws(TransportError) -> String {
        try send(message)
        return try receive()
    }
}

extension TCPLineConnection: SCPIConnection {
    public func send(_ message: String) throws(TransportError) { try writeLine(message) }
    public func receive() throws(TransportError) -> String { try readLine() }
    /// A raw socket has no device-clear message; dropping what already
    /// arrived is the equivalent the instrument's LAN port allows.
    public func clear() throws(TransportError) { discardInput() }
}

extension USBTMCConnection: SCPIConnection {
    public func send(_ message: String) throws(TransportError) { try write(Array(message.utf8) + [0x0A]) }

    public func receive() throws(TransportError) -> String {
        var bytes = try read()
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TransportError(.malformed, address: address, detail: "reply of \(bytes.count) bytes is not text")
        }
        return text
    }
}
