import Foundation
import GRDB
import Testing
@testable import Storage

/// A job's samples are found by its span of the channel's seqs, and a window
/// of job time by bisecting on the channel's primary key.
@Suite struct JobSampleSpanTests {
    /// Job 1 on ch1: samples at job times 0…99 with an event after every
    /// seventh; then job 3 on ch1 (job 2 is on ch2), which starts its time at 0 again.
    static func store() throws -> Store {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        var first = SampleQueryTests.batch(job: 1, count: 100) { _ in 3.7 }
        first.events = stride(from: 6, to: 100, by: 7).map { k in
            PendingEvent(job: 1, time: Double(k) + 0.5, unixTime: 1_000.5 + Double(k), kind: "stepStarted", body: "{}")
        }
        try store.append(first, channel: "ch1")
        try store.append(SampleQueryTests.batch(job: 2, count: 10) { _ in 3.6 }, channel: "ch2")
        var second = SampleQueryTests.batch(job: 3, count: 30) { _ in 3.5 }
        second.samples = second.samples.map { var sample = $0; sample.unixTime += 500; return sample }
        try store.append(second, channel: "ch1")
        return store
    }

    @Test func everyWindowOfJobTimeHoldsExactlyTheSamplesInIt() throws {
        let store = try Self.store()
        let windows: [(Double?, Double?)] = [(nil, nil), (0, 99), (10, 19.5), (6.5, 7.5), (6.2, 6.8), (-5, 3), (98.5, nil), (nil, 0),
                                             (99, 200), (100, nil), (nil, -1), (50, 40), (13, 13)]
        for (from, to) in windows {
            let expected = (0..<100).map(Double.init).filter { t in from.map { t >= $0 } ?? true && to.map { t <= $0 } ?? true }
            let found = try store.samples(SampleRange(job: 1, from: from, to: to))
            #expect(found.map(\.time) == expected, "from \(String(describing: from)) to \(String(describing: to))")
            #expect(found.allSatisfy { $0.job == 1 && $0.channel == "ch1" })
        }
        #expect(try store.samples(SampleRange(job: 3, from: 5, to: 9)).map(\.time) == [5, 6, 7, 8, 9], "the next job's time starts again")
        #expect(try store.samples(SampleRange(job: 4)).isEmpty, "no such job")
    }

    @Test func theJobTableKeepsEachJobsFirstAndLastSampleSeq() throws {
        let store = try Self.store()
        let spans = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, firstSeq, lastSeq FROM job ORDER BY id").map { [$0[0], $0[1], $0[2]] as [Int64] }
        }
        // ch1: job 1's 100 samples and 14 events take seqs 1…114 (the last two are samples); job 3's samples 115…144.
        #expect(spans == [[1, 1, 114], [2, 1, 10], [3, 115, 144]])
    }

    /// A database written before jobs kept their spans: its samples are found
    /// after the migration, and, read-only and so not migrated, before it.
    @Test func anOlderDatabaseFindsItsJobsSamplesMigratedOrNot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-store-\(UUID().uuidString).sqlite").path
        let old = try DatabasePool(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v2: API tokens")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO job (channel, name, protocolFile, protocolText, cellFile, cellText, state, submittedAt)
                VALUES ('ch1', 't', 'p.yaml', 'name: t', 'c.yaml', 'name: c', 'running', 0)
                """)
            for k in 1...50 {
                try db.execute(sql: """
                    INSERT INTO sample (channel, seq, job, time, unixTime, voltage, current, step, cycle, stepTime, stepCharge)
                    VALUES ('ch1', ?, 1, ?, ?, 3.7, 0.001, 1, 0, 0, 0)
                    """, arguments: [k, Double(k), 1_000 + Double(k)])
            }
        }
        try old.close()

        let readOnly = try Store(path: path, readOnly: true)
        #expect(!readOnly.keepsJobSampleSpans)
        #expect(try readOnly.samples(SampleRange(job: 1, from: 10, to: 12)).map(\.seq) == [10, 11, 12])

        let migrated = try Store(path: path)
        #expect(migrated.keepsJobSampleSpans)
        #expect(try migrated.samples(SampleRange(job: 1, from: 10, to: 12)).map(\.seq) == [10, 11, 12])
        #expect(try migrated.samples(job: 1).count == 50)
    }
}
