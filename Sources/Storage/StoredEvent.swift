import GRDB

/// One document of a channel's event log: its kind and its JSON body.
public struct StoredEvent: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "event"

    public var channel: String
    public var seq: Int64
    public var job: Int64?
    /// Job time (s).
    public var time: Double
    public var unixTime: Double
    /// `jobStarted`, `stepStarted`, `alarm`, `gap`, … (the body's case).
    public var kind: String
    public var body: String

    public init(channel: String, seq: Int64, job: Int64?, time: Double, unixTime: Double, kind: String, body: String) {
        self.channel = channel
        self.seq = seq
        self.job = job
        self.time = time
        self.unixTime = unixTime
        self.kind = kind
        self.body = body
    }
}
