import GRDB

/// The schema, as named migrations that are only ever appended.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: channels, jobs, samples, events") { db in
            try db.create(table: "channel") { t in
                t.primaryKey("name", .text)
                /// The last sequence number given to one of its documents.
                t.column("lastSeq", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "job") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("channel", .text).notNull().indexed()
                t.column("name", .text).notNull()
                t.column("protocolFile", .text).notNull()
                t.column("protocolText", .text).notNull()
                t.column("cellFile", .text).notNull()
                t.column("cellText", .text).notNull()
                t.column("state", .text).notNull()
                t.column("reason", .text)
                t.column("submittedAt", .double).notNull()
                t.column("startedAt", .double)
                t.column("endedAt", .double)
                t.column("checkpoint", .blob)
                /// Unix time the checkpoint was written, to measure a restart's gap.
                t.column("checkpointAt", .double)
            }
            try db.create(table: "sample") { t in
                t.column("channel", .text).notNull()
                t.column("seq", .integer).notNull()
                t.column("job", .integer).notNull()
                t.column("time", .double).notNull()
                t.column("unixTime", .double).notNull()
                t.column("voltage", .double).notNull()
                t.column("current", .double).notNull()
                t.column("pressure", .double)
                t.column("temperature", .double)
                t.column("step", .integer).notNull()
                t.column("cycle", .integer).notNull()
                t.column("stepTime", .double).notNull()
                t.column("stepCharge", .double).notNull()
                t.primaryKey(["channel", "seq"])
            }
            try db.create(index: "sample_job_time", on: "sample", columns: ["job", "time"])
            try db.create(table: "event") { t in
                t.column("channel", .text).notNull()
                t.column("seq", .integer).notNull()
                t.column("job", .integer)
                t.column("time", .double).notNull()
                t.column("unixTime", .double).notNull()
                t.column("kind", .text).notNull()
                t.column("body", .text).notNull()
                t.primaryKey(["channel", "seq"])
            }
            try db.create(index: "event_job", on: "event", columns: ["job"])
        }
        migrator.registerMigration("v2: API tokens") { db in
            try db.create(table: "token") { t in
                t.primaryKey("name", .text)
                t.column("role", .text).notNull()
                /// SHA-256 of the token, hex: the token itself is shown once and never stored.
                t.column("hash", .text).notNull().unique()
                t.column("createdAt", .double).notNull()
            }
            try db.create(index: "event_channel_kind", on: "event", columns: ["channel", "kind"])
        }
        migrator.registerMigration("v3: a job's samples found by its channel's seq range") { db in
            // Each job keeps the channel seqs of its first and last sample,
            // and its samples are read by the channel's primary key; the
            // (job, time) index that found them before cost the writer a
            // third of each insert.
            try db.alter(table: "job") { t in
                t.add(column: "firstSeq", .integer)
                t.add(column: "lastSeq", .integer)
            }
            try db.execute(sql: "UPDATE job SET firstSeq = (\(JobSampleSpan.firstSeqByIndex)), lastSeq = (\(JobSampleSpan.lastSeqByIndex))")
            try db.drop(index: "sample_job_time")
        }
        return migrator
    }
}
