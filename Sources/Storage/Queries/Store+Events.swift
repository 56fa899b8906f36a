import GRDB

extension Store {
    /// A channel's events after sequence number `seq`, oldest first: what a
    /// client that reconnects with the last `seq` it saw is owed (DESIGN.md,
    /// "the event log is the spine"). `limit` pages a long backlog.
    public func events(channel: String, after seq: Int64, limit: Int? = nil) throws(StorageError) -> [StoredEvent] {
        try read { db in
            try Self.page(StoredEvent.filter(Column("channel") == channel && Column("seq") > seq), limit: limit).fetchAll(db)
        }
    }

    /// A channel's events of `kind` (every kind when nil) after `seq`, oldest first, at most `limit`.
    public func events(channel: String, after seq: Int64, kind: String?, limit: Int) throws(StorageError) -> [StoredEvent] {
        try read { db in
            var request = StoredEvent.filter(Column("channel") == channel && Column("seq") > seq)
            if let kind { request = request.filter(Column("kind") == kind) }
            return try Self.page(request, limit: limit).fetchAll(db)
        }
    }

    /// A job's events after sequence number `seq`, oldest first.
    public func events(job: Int64, after seq: Int64, limit: Int? = nil) throws(StorageError) -> [StoredEvent] {
        try read { db in
            try Self.page(StoredEvent.filter(Column("job") == job && Column("seq") > seq), limit: limit).fetchAll(db)
        }
    }

    /// `request` in sequence order, its first `limit` events when given.
    private static func page(_ request: QueryInterfaceRequest<StoredEvent>, limit: Int?) -> QueryInterfaceRequest<StoredEvent> {
        let ordered = request.order(Column("seq"))
        return limit.map { ordered.limit($0) } ?? ordered
    }

    /// Every job in the store, oldest first (what an error about an unknown job lists).
    public func allJobs() throws(StorageError) -> [JobRecord] {
        try read { db in try JobRecord.order(Column("id")).fetchAll(db) }
    }
}

extension Store {
    /// How many events of these kinds a channel has recorded.
    public func eventCount(channel: String, kinds: [String]) throws(StorageError) -> Int {
        try read { db in try StoredEvent.filter(Column("channel") == channel && kinds.contains(Column("kind"))).fetchCount(db) }
    }

    /// How many events of `kind` a job recorded.
    public func eventCount(job: Int64, kind: String) throws(StorageError) -> Int {
        try read { db in try StoredEvent.filter(Column("job") == job && Column("kind") == kind).fetchCount(db) }
    }
}
