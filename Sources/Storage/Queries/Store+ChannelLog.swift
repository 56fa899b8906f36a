import GRDB

/// One entry of a channel's log as stored: a sample or an event, in the
/// channel's single sequence.
public enum LogEntry: Sendable, Hashable {
    case sample(StoredSample)
    case event(StoredEvent)

    public var seq: Int64 {
        switch self {
        case .sample(let s): s.seq
        case .event(let e): e.seq
        }
    }
}

extension Store {
    /// A channel's log after `seq`: its next `limit` entries (samples and
    /// events merged in sequence order). Reading on from the last entry's seq
    /// gives the rest, with no gap and no entry twice, whatever was written meanwhile.
    public func log(channel: String, after seq: Int64, limit: Int) throws(StorageError) -> [LogEntry] {
        try read { db in
            let samples = try StoredSample.filter(Column("channel") == channel && Column("seq") > seq)
                .order(Column("seq")).limit(limit).fetchAll(db)
            let events = try StoredEvent.filter(Column("channel") == channel && Column("seq") > seq)
                .order(Column("seq")).limit(limit).fetchAll(db)
            var entries = samples.map(LogEntry.sample) + events.map(LogEntry.event)
            entries.sort { $0.seq < $1.seq }
            return Array(entries.prefix(limit))
        }
    }

    /// Each channel's last stored sequence number: how far its log reaches.
    public func lastSequences() throws(StorageError) -> [String: Int64] {
        try read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, lastSeq FROM channel") { result[row[0]] = row[1] }
            return result
        }
    }

    /// A channel's newest events of the given kinds, newest first.
    public func latestEvents(channel: String, kinds: [String], limit: Int) throws(StorageError) -> [StoredEvent] {
        try read { db in
            try StoredEvent.filter(Column("channel") == channel && kinds.contains(Column("kind")))
                .order(Column("seq").desc).limit(limit).fetchAll(db)
        }
    }

    /// A channel's newest sample, if it has any.
    public func latestSample(channel: String) throws(StorageError) -> StoredSample? {
        try read { db in
            try StoredSample.filter(Column("channel") == channel).order(Column("seq").desc).fetchOne(db)
        }
    }

    /// One event by its place in a channel's log.
    public func event(channel: String, seq: Int64) throws(StorageError) -> StoredEvent? {
        try read { db in try StoredEvent.fetchOne(db, key: ["channel": channel, "seq": seq]) }
    }
}
