import Foundation
import GRDB
import GRDBSQLite

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
        try append([(batch, channel)])
    }

    /// Writes several channels' batches in one transaction (the writer's
    /// round): all of them or, when it fails, none.
    public func append(_ batches: [(batch: JournalBatch, channel: String)]) throws(StorageError) {
        try write { db in
            for (batch, channel) in batches { try Self.append(batch, channel: channel, in: db) }
            // Rows stepped through the C API pass GRDB by: its observers (a
            // ValueObservation on either table) hear of them here.
            if batches.contains(where: { !$0.batch.samples.isEmpty }) { try db.notifyChanges(in: Table("sample")) }
            if batches.contains(where: { !$0.batch.events.isEmpty }) { try db.notifyChanges(in: Table("event")) }
        }
    }

    private static func append(_ batch: JournalBatch, channel: String, in db: Database) throws {
        var seq = try Int64.fetchOne(db, sql: "SELECT lastSeq FROM channel WHERE name = ?", arguments: [channel]) ?? {
            try db.execute(sql: "INSERT INTO channel (name, lastSeq) VALUES (?, 0)", arguments: [channel])
            return 0
        }()
        // Prepared statements, bound and stepped through SQLite's C API: rows
        // come at the rate simulated channels make them, where building GRDB's
        // argument arrays would cost more than SQLite's insert. Samples go
        // `samplesPerInsert` to a statement, which opens the table and its
        // indexes once for them all.
        let insertSamples = try RowInsert(db, sql: multipleSampleInsert, channel: channel)
        let insertSample = try RowInsert(db, sql: singleSampleInsert, channel: channel)
        let insertEvent = try RowInsert(db, sql: """
            INSERT INTO event (channel, seq, job, time, unixTime, kind, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """, channel: channel)
        // Samples and events interleave by unix time (a sample first on a tie),
        // so the log reads in the order things happened.
        let samples = batch.samples, events = batch.events
        var nextSample = 0, nextEvent = 0
        var spans = JobSeqSpans()
        while nextSample < samples.count || nextEvent < events.count {
            guard nextEvent == events.count || (nextSample < samples.count && samples[nextSample].unixTime <= events[nextEvent].unixTime) else {
                let e = events[nextEvent]
                nextEvent += 1
                seq += 1
                try insertEvent.bind(2, seq)
                try insertEvent.bind(3, e.job)
                try insertEvent.bind(4, e.time)
                try insertEvent.bind(5, e.unixTime)
                try insertEvent.bind(6, e.kind)
                try insertEvent.bind(7, e.body)
                try insertEvent.step()
                continue
            }
            // The samples before the next event.
            var end = nextSample + 1
            while end < samples.count, nextEvent == events.count || samples[end].unixTime <= events[nextEvent].unixTime { end += 1 }
            while end - nextSample >= samplesPerInsert {
                for row in 0..<samplesPerInsert {
                    seq += 1
                    try insertSamples.bind(samples[nextSample + row], seq: seq, row: Int32(row))
                    spans.add(job: samples[nextSample + row].job, seq: seq)
                }
                try insertSamples.step()
                nextSample += samplesPerInsert
            }
            while nextSample < end {
                seq += 1
                try insertSample.bind(samples[nextSample], seq: seq, row: 0)
                try insertSample.step()
                spans.add(job: samples[nextSample].job, seq: seq)
                nextSample += 1
            }
        }
        try db.execute(sql: "UPDATE channel SET lastSeq = ? WHERE name = ?", arguments: [seq, channel])
        for span in spans.spans {
            try db.execute(sql: "UPDATE job SET firstSeq = COALESCE(firstSeq, ?), lastSeq = ? WHERE id = ?",
                           arguments: [span.first, span.last, span.job])
        }
        if let checkpoint = batch.checkpoint {
            try db.execute(sql: "UPDATE job SET checkpoint = ?, checkpointAt = ? WHERE id = ?",
                           arguments: [checkpoint.json, checkpoint.unixTime, checkpoint.job])
        }
    }

    /// Rows one multi-row sample insert writes.
    private static let samplesPerInsert = 32

    private static let multipleSampleInsert = sampleInsert(rows: samplesPerInsert)
    private static let singleSampleInsert = sampleInsert(rows: 1)

    /// An insert of `rows` samples: the channel is parameter 1 for every row,
    /// and row r's twelve other values are parameters 2 + 12r through 13 + 12r.
    private static func sampleInsert(rows: Int) -> String {
        let values = (0..<rows).map { row in
            "(?1, " + (0..<12).map { "?\(2 + 12 * row + $0)" }.joined(separator: ", ") + ")"
        }
        return "INSERT INTO sample (channel, seq, job, time, unixTime, voltage, current, pressure, temperature, step, cycle, stepTime, stepCharge) VALUES "
            + values.joined(separator: ", ")
    }

    /// A job's samples in order.
    public func samples(job: Int64) throws(StorageError) -> [StoredSample] {
        try read { db in try self.sampleSpan(of: job, in: db)?.samples.order(Column("seq")).fetchAll(db) ?? [] }
    }

    /// A job's samples from `cycle` on, with the one recorded just before it
    /// (what a resumed job's cycle summary needs).
    public func samples(job: Int64, fromCycle cycle: Int) throws(StorageError) -> [StoredSample] {
        try read { db in
            guard let span = try self.sampleSpan(of: job, in: db) else { return [] }
            let first = try span.samples.filter(Column("cycle") >= cycle).select(min(Column("seq")), as: Int64.self).fetchOne(db)
            let before = try span.samples.filter(Column("seq") < (first ?? Int64.max)).select(max(Column("seq")), as: Int64.self).fetchOne(db)
            return try span.samples.filter(Column("seq") >= (before ?? first ?? Int64.max)).order(Column("seq")).fetchAll(db)
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

/// A cached insert whose parameters are set through SQLite's C API, one row
/// at a time: no argument array, no boxing, nothing allocated per row.
/// Parameter 1 is the channel, bound once.
private struct RowInsert {
    let statement: Statement
    let connection: SQLiteConnection?

    /// SQLite copies the text it is given (the caller's buffer lasts only for the call).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String, channel: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection
        try check(sqlite3_reset(statement.sqliteStatement))
        try bind(1, channel)
    }

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, value))
    }

    func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else { return try check(sqlite3_bind_null(statement.sqliteStatement, index)) }
        try bind(index, value)
    }

    func bind(_ index: Int32, _ value: Double) throws {
        try check(sqlite3_bind_double(statement.sqliteStatement, index, value))
    }

    func bind(_ index: Int32, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(statement.sqliteStatement, index)) }
        try bind(index, value)
    }

    func bind(_ index: Int32, _ value: String) throws {
        try check(sqlite3_bind_text(statement.sqliteStatement, index, value, -1, Self.transient))
    }

    /// Binds a sample as row `row` of a sample insert (see `Store.sampleInsert(rows:)`).
    func bind(_ s: PendingSample, seq: Int64, row: Int32) throws {
        let base = 2 + 12 * row
        try bind(base, seq)
        try bind(base + 1, s.job)
        try bind(base + 2, s.time)
        try bind(base + 3, s.unixTime)
        try bind(base + 4, s.voltage)
        try bind(base + 5, s.current)
        try bind(base + 6, s.pressure)
        try bind(base + 7, s.temperature)
        try bind(base + 8, Int64(s.step))
        try bind(base + 9, Int64(s.cycle))
        try bind(base + 10, s.stepTime)
        try bind(base + 11, s.stepCharge)
    }

    /// Inserts the row bound so far; the parameters stay bound for the next.
    func step() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
                      sql: statement.sql)
    }
}
