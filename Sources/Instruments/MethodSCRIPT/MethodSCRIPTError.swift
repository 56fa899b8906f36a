import Transport

/// A MethodSCRIPT instrument failed; names the instrument and its address and
/// says what was expected, for a lab engineer reading the journal.
public struct MethodSCRIPTError: InstrumentError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The wire failed: timeout, vanished device, unusable port.
        case transport(TransportError.Kind)
        /// The device answered `!XXXX`: a firmware error code.
        case deviceError(code: String)
        /// A line that does not follow the protocol (garbage, truncated packet).
        case malformedReply
        /// The device is not a MethodSCRIPT instrument cyclerd knows.
        case unsupportedDevice
        /// The request is outside what this device type can do.
        case unsupportedRequest
    }

    public var kind: Kind
    /// The instrument (model and serial, or "MethodSCRIPT device" before identify).
    public var instrument: String
    public var address: String
    public var detail: String

    public init(_ kind: Kind, instrument: String, address: String, detail: String) {
        self.kind = kind
        self.instrument = instrument
        self.address = address
        self.detail = detail
    }

    /// A vanished or silent device may come back; a refused or garbled exchange will not.
    public var isRecoverableByReconnect: Bool {
        if case .transport(let transport) = kind { transport.isRecoverableByReconnect } else { false }
    }

    public var description: String {
        "\(instrument) at \(address): \(detail)"
    }
}
