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
        }
    }

    private static func append(_ batch: JournalBatch, channel: String, in db: Database) throws {
        var seq = try Int64.fetchOne(db, sql: "SELECT lastSeq FROM channel WHERE name = ?", arguments: [channel]) ?? {
            try db.execute(sql: "INSERT INTO channel (name, lastSeq) VALUES (?, 0)", arguments: [channel])
            return 0
        }()
        // One prepared statement per table, bound and stepped through SQLite's
        // C API: rows come at the rate simulated channels make them, where
        // building GRDB's argument arrays would cost more than SQLite's insert.
        let insertSample = try RowInsert(db, sql: """
            INSERT INTO sample (channel, seq, job, time, unixTime, voltage, current, pressure, temperature, step, cycle, stepTime, stepCharge)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, channel: channel)
        let insertEvent = try RowInsert(db, sql: """
            INSERT INTO event (channel, seq, job, time, unixTime, kind, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, channel: channel)
        // Samples and events interleave by unix time, so the log reads in the order things happened.
        var nextSample = 0, nextEvent = 0
        while let next = Self.earlier(nextSample < batch.samples.count ? batch.samples[nextSample] : nil,
                                      nextEvent < batch.events.count ? batch.events[nextEvent] : nil) {
            seq += 1
            switch next {
            case .sample:
                let s = batch.samples[nextSample]
                nextSample += 1
                try insertSample.bind(2, seq)
                try insertSample.bind(3, s.job)
                try insertSample.bind(4, s.time)
                try insertSample.bind(5, s.unixTime)
                try insertSample.bind(6, s.voltage)
                try insertSample.bind(7, s.current)
                try insertSample.bind(8, s.pressure)
                try insertSample.bind(9, s.temperature)
                try insertSample.bind(10, Int64(s.step))
                try insertSample.bind(11, Int64(s.cycle))
                try insertSample.bind(12, s.stepTime)
                try insertSample.bind(13, s.stepCharge)
                try insertSample.step()
            case .event:
                let e = batch.events[nextEvent]
                nextEvent += 1
                try insertEvent.bind(2, seq)
                try insertEvent.bind(3, e.job)
                try insertEvent.bind(4, e.time)
                try insertEvent.bind(5, e.unixTime)
                try insertEvent.bind(6, e.kind)
                try insertEvent.bind(7, e.body)
                try insertEvent.step()
            }
        }
        try db.execute(sql: "UPDATE channel SET lastSeq = ? WHERE name = ?", arguments: [seq, channel])
        if let checkpoint = batch.checkpoint {
            try db.execute(sql: "UPDATE job SET checkpoint = ?, checkpointAt = ? WHERE id = ?",
                           arguments: [checkpoint.json, checkpoint.unixTime, checkpoint.job])
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
