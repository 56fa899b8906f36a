import GRDB

/// What the dashboard plots of a job, kept up to date by reading only what
/// the job stored since the last update: its cycle summaries (with each
/// cycle's time span, which bounds a cycle's V–Q read) and its resistance
/// estimates placed among its samples. A months-long job has millions of
/// samples; reading them all again on every refresh would keep a core busy
/// for as long as a dashboard is open.
public struct JobDigest: Sendable {
    public let job: Int64
    public let channel: String
    public private(set) var cycles = CycleTally()
    public private(set) var resistance: ResistancePlacement
    /// The channel's last seq the digest has read up to.
    public private(set) var throughSeq: Int64 = 0

    public init(job: Int64, channel: String, restCurrent: Double) {
        self.job = job
        self.channel = channel
        resistance = ResistancePlacement(restCurrent: restCurrent)
    }

    /// Adds what the job stored since the last update, in one read snapshot,
    /// up to the channel's last seq then; by the channel's primary key, so
    /// the read costs what is new, not what the job has. A job that has
    /// ended still reads its channel's later entries once, past its end.
    public mutating func update(from store: Store) throws(StorageError) {
        try store.stream { db in
            let last = try Int64.fetchOne(db, sql: "SELECT lastSeq FROM channel WHERE name = ?", arguments: [channel]) ?? 0
            guard last > throughSeq else { return }
            let new = Column("channel") == channel && Column("seq") > throughSeq && Column("seq") <= last && Column("job") == job
            // Estimates first: each waits for the first sample after its time
            // (the journal gives it a seq before any such sample's).
            let estimates = try StoredEvent.filter(new && Column("kind") == "estimate").order(Column("seq")).fetchCursor(db)
            while let event = try estimates.next() { resistance.add(estimate: event) }
            let samples = try StoredSample.filter(new).order(Column("seq")).fetchCursor(db)
            while let sample = try samples.next() {
                cycles.add(sample)
                resistance.add(sample)
            }
            throughSeq = last
        }
    }
}
