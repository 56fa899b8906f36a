/// Why a channel refused an operator's request: what to do differs, so the
/// API answers 404 for one and 409 for the other.
public struct ChannelRefusal: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// No such job (or alarm) on this channel.
        case notFound
        /// The request does not fit what the channel is doing now.
        case conflict
        /// The protocol or cell does not pass validation.
        case invalid
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
