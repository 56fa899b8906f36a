import Transport

/// A Modbus instrument failed: which instrument, at which address, doing
/// what, and what was expected — written for a lab engineer reading the
/// journal at 3 a.m.
public struct ModbusInstrumentError: InstrumentError, Equatable {
    public enum Code: String, Sendable, Equatable {
        /// The exchange failed on the wire or the device refused it; see `underlying`.
        case communication
        /// The device flags its reading as over or under range.
        case overRange
        case underRange
        /// The device flags a fault (load-cell error, A/D fault).
        case deviceFault
        /// A register held a value that is not a number (a float NaN or infinity).
        case invalidReading
        /// The map lacks what the request needs (a setpoint register, an area).
        case notConfigured
        /// A setpoint outside what the register can carry.
        case outOfRange
    }

    public var code: Code
    /// "Laumas TLU".
    public var instrument: String
    /// The instrument address as the user typed it.
    public var address: String
    public var detail: String
    /// The wire-level failure behind a `.communication` error.
    public var underlying: ModbusError?

    public init(_ code: Code, instrument: String, address: String, detail: String, underlying: ModbusError? = nil) {
        self.code = code
        self.instrument = instrument
        self.address = address
        self.detail = detail
        self.underlying = underlying
    }

    /// Whether reconnecting may cure it (the next request reconnects by itself).
    public var isRecoverableByReconnect: Bool { underlying?.isRecoverableByReconnect ?? false }

    public var description: String {
        "\(instrument) at \(address): \(detail)"
    }
}
