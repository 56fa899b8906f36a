import Foundation
import GRDB

/// A sample waiting to be stored, before its channel gives it a sequence number.
public struct PendingSample: Sendable {
    public var job: Int64
    public var time, unixTime, voltage, current: Double
    public var pressure, temperature: Double?
    public var step, cycle: Int
    public var stepTime, stepCharge: Double

    public init(job: Int64, time: Double, unixTime: Double, voltage: Double, current: Double, pressure: Double?,
                temperature: Double?, step: Int, cycle: Int, stepTime: Double, stepCharge: Double) {
        self.job = job
        self.time = time
        self.unixTime = unixTime
        self.voltage = voltage
        self.current = current
        self.pressure = pressure
        self.temperature = temperature
        self.step = step
        self.cycle = cycle
        self.stepTime = stepTime
        self.stepCharge = stepCharge
    }
}

/// An event document waiting to be stored.
public struct PendingEvent: Sendable {
    public var job: Int64?
    public var time, unixTime: Double
    public var kind: String
    public var body: String

    public init(job: Int64?, time: Double, unixTime: Double, kind: String, body: String) {
        self.job = job
        self.time = time
        self.unixTime = unixTime
        self.kind = kind
        self.body = body
    }
}

/// What one channel recorded since its last write, and the job position that covers it.
public struct JournalBatch: Sendable {
    public var samples: [PendingSample] = []
    public var events: [PendingEvent] = []
    /// The newest checkpoint, for `job`: written with the samples, so a
    /// resume neither repeats nor skips any.
    public var checkpoint: (job: Int64, json: Data, unixTime: Double)?

    public var isEmpty: Bool { samples.isEmpty && events.isEmpty && checkpoint == nil }

    public init(samples: [PendingSample] = [], events: [PendingEvent] = []) {
        self.samples = samples
        self.events = events
    }
}

extension Store {
    /// Writes a channel's batch in one transaction: samples and events get the
    /// channel's next sequence numbers, in the order they happened.
    public func append(_ batch: JournalBatch, channel: String) throws(StorageError) {
        try write { db in
            var seq = try Int64.fetchOne(db, sql: "SELECT lastSeq FROM channel WHERE name = ?", arguments: [channel]) ?? {
                try db.execute(sql: "INSERT INTO channel (name, lastSeq) VALUES (?, 0)", arguments: [channel])
                return 0
            }()
            // One prepared statement per table, bound positionally: rows are written
            // at the rate simulated channels make them, far above a record's encoding.
            let insertSample = try db.cachedStatement(sql: """
                INSERT INTO sample (channel, seq, job, time, unixTime, voltage, current, pressure, temperature, step, cycle, stepTime, stepCharge)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertEvent = try db.cachedStatement(sql: """
                INSERT INTO event (channel, seq, job, time, unixTime, kind, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            // Samples and events interleave by unix time, so the log reads in the order things happened.
            var nextSample = 0, nextEvent = 0
            while let next = Self.earlier(nextSample < batch.samples.count ? batch.samples[nextSample] : nil,
                                          nextEvent < batch.events.count ? batch.events[nextEvent] : nil) {
                seq += 1
                switch next {
                case .sample:
                    let s = batch.samples[nextSample]
                    nextSample += 1
                    try insertSample.execute(arguments: [channel, seq, s.job, s.time, s.unixTime, s.voltage, s.current, s.pressure,
                                                         s.temperature, s.step, s.cycle, s.stepTime, s.stepCharge])
                case .event:
                    let e = batch.events[nextEvent]
                    nextEvent += 1
                    try insertEvent.execute(arguments: [channel, seq, e.job, e.time, e.unixTime, e.kind, e.body])
                }
            }
            try db.execute(sql: "UPDATE channel SET lastSeq = ? WHERE name = ?", arguments: [seq, channel])
            if let checkpoint = batch.checkpoint {
                try db.execute(sql: "UPDATE job SET checkpoint = ?, checkpointAt = ? WHERE id = ?",
                               arguments: [checkpoint.json, checkpoint.unixTime, checkpoint.job])
            }
        }
    }

    private enum Next { case sample, event }

    private static func earlier(_ sample: PendingSample?, _ event: PendingEvent?) -> Next? {
        switch (sample, event) {
        case (nil, nil): nil
        case (.some, nil): .sample
        case (nil, .some): .event
        case (let s?, let e?): s.unixTime <= e.unixTime ? .sample : .event
        }
    }

    /// A job's samples in order.
    public func samples(job: Int64) throws(StorageError) -> [StoredSample] {
        try read { db in try StoredSample.filter(Column("job") == job).order(Column("seq")).fetchAll(db) }
    }

    /// A job's samples from `cycle` on, with the one recorded just before it
    /// (what a resumed job's cycle summary needs).
    public func samples(job: Int64, fromCycle cycle: Int) throws(StorageError) -> [StoredSample] {
        try read { db in
            let first = try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM sample WHERE job = ? AND cycle >= ?", arguments: [job, cycle])
            let before = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM sample WHERE job = ? AND seq < ?",
                                            arguments: [job, first ?? Int64.max])
            return try StoredSample.filter(Column("job") == job && Column("seq") >= (before ?? first ?? Int64.max))
                .order(Column("seq")).fetchAll(db)
        }
    }

    /// A job's events in order.
    public func events(job: Int64) throws(StorageError) -> [StoredEvent] {
        try read { db in try StoredEvent.filter(Column("job") == job).order(Column("seq")).fetchAll(db) }
    }

    /// How many samples a channel has stored.
    public func sampleCount(channel: String) throws(StorageError) -> Int {
        try read { db in try StoredSample.filter(Column("channel") == channel).fetchCount(db) }
    }
}
