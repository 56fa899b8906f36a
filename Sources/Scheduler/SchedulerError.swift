/// A channel that cannot run: names it and says what to check.
public struct SchedulerError: Error, Sendable, CustomStringConvertible {
    public var channel: String
    public var message: String

    public init(channel: String, message: String) {
        self.channel = channel
        self.message = message
    }

    public var description: String { "channel \(channel): \(message)" }
}
