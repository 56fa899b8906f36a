/// What every driver's errors have in common: the instrument and address they
/// are about, and whether reopening the connection may cure them.
///
/// The executor pauses a job with "instrument lost" (rather than failing it)
/// when an error says reconnecting may cure it, so a scheduler can reconnect
/// and resume; anything else is a fault of the request or the device itself.
public protocol InstrumentError: Error, Sendable, CustomStringConvertible {
    /// The instrument, as a person names it ("EmStat4 HR 1234", "Laumas TLU").
    var instrument: String { get }
    /// Its address URL as the user wrote it.
    var address: String { get }
    /// Whether reopening the connection may cure this failure (a timeout, a
    /// vanished device), as opposed to a refused request or a device fault.
    var isRecoverableByReconnect: Bool { get }
}
