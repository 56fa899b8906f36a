import Transport

/// A SCPI instrument failure, naming the instrument, its address, what was
/// being done and what was expected, so a lab engineer can act on the journal line.
public struct SCPIInstrumentError: InstrumentError, Equatable {
    public enum Code: Sendable, Equatable {
        /// The wire failed (timeout, unplugged, garbled bytes); the kind says which.
        case transport(TransportError.Kind)
        /// The instrument put this entry in its error queue (`:SYST:ERR?`).
        case instrumentError(code: Int, message: String)
        /// The instrument answered something that is not the expected reply.
        case unexpectedReply
        /// It reported a model this driver does not know.
        case unsupportedModel
        /// The request cannot be done by this instrument (EIS on an SMU).
        case unsupported
        /// A setting outside what the instrument accepts, caught before sending.
        case invalidSetting
    }

    public var code: Code
    /// The instrument, e.g. "Keithley 2450".
    public var instrument: String
    public var address: String
    /// What was being done and what was expected.
    public var detail: String

    public init(_ code: Code, instrument: String, address: String, detail: String) {
        self.code = code
        self.instrument = instrument
        self.address = address
        self.detail = detail
    }

    /// A dropped or silent connection may come back; the instrument's own refusals will not.
    public var isRecoverableByReconnect: Bool {
        if case .transport(let transport) = code { transport.isRecoverableByReconnect } else { false }
    }

    public var description: String { "\(instrument) at \(address): \(detail)" }
}
