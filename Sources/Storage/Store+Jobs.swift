import GRDB

extension Store {
    /// Stores a new job and returns it with its id.
    public func insert(_ job: JobRecord) throws(StorageError) -> JobRecord {
        try write { db in
            var job = job
            try job.insert(db)
            return job
        }
    }

    /// A channel's jobs, oldest first.
    public func jobs(channel: String) throws(StorageError) -> [JobRecord] {
        try read { db in try JobRecord.filter(Column("channel") == channel).order(Column("id")).fetchAll(db) }
    }

    public func job(id: Int64) throws(StorageError) -> JobRecord? {
        try read { db in try JobRecord.fetchOne(db, key: id) }
    }

    /// Sets a job's state (and why), stamping when it started or ended.
    public func setState(job id: Int64, _ state: JobRecord.State, reason: String? = nil, at unixTime: Double) throws(StorageError) {
        try write { db in
            guard var job = try JobRecord.fetchOne(db, key: id) else { return }
            job.state = state
            job.reason = reason
            if state == .running, job.startedAt == nil { job.startedAt = unixTime }
            if state.isFinished { job.endedAt = unixTime }
            try job.update(db)
        }
    }
}
