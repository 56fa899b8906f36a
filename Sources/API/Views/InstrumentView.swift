import Hummingbird
/// A configured instrument, the channels that use it, and how they find it.
public struct InstrumentView: ResponseCodable, Sendable {
    public var name: String
    public var address: String
    public var map: String?
    public var channels: [String]
    /// `ok`, or each using channel's fault (an instrument it cannot reach).
    public var health: String
}
