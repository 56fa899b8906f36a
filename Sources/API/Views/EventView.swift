import Storage

/// One stored event, its body as the engine recorded it.
public struct EventView: Codable, Sendable {
    public var channel: String
    public var seq: Int64
    public var job: Int64?
    public var kind: String
    public var time_s: Double
    public var unixTime_s: Double
    public var body: JSONValue

    init(_ e: StoredEvent) {
        channel = e.channel
        seq = e.seq
        job = e.job
        kind = e.kind
        time_s = e.time
        unixTime_s = e.unixTime
        body = JSONValue(parsing: e.body)
    }
}

/// An alarm and whether someone has acknowledged it.
public struct AlarmView: Codable, Sendable {
    public var event: EventView
    public var acknowledgedBy: String?
}
