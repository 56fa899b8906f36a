import GRDB

extension Store {
    /// Hands a job's samples to `body` one at a time, in recorded order, from
    /// one read snapshot: an export of a months-long job never holds more
    /// than one row in memory, and the daemon's writes go on meanwhile.
    ///
    /// - Throws: `StorageError` (reading) or what `body` throws, as `StorageError`
    ///   when it is one and `.readFailed` otherwise.
    public func forEachSample(job: Int64, _ body: (StoredSample) throws -> Void) throws(StorageError) {
        try stream { db in
            guard let span = try sampleSpan(of: job, in: db) else { return }
            let cursor = try span.samples.order(Column("seq")).fetchCursor(db)
            while let sample = try cursor.next() { try body(sample) }
        }
    }

    /// Hands a job's events (of `kind`, when given) to `body` one at a time, in order.
    public func forEachEvent(job: Int64, kind: String? = nil, _ body: (StoredEvent) throws -> Void) throws(StorageError) {
        try stream { db in
            var request = StoredEvent.filter(Column("job") == job)
            if let kind { request = request.filter(Column("kind") == kind) }
            let cursor = try request.order(Column("seq")).fetchCursor(db)
            while let event = try cursor.next() { try body(event) }
        }
    }

    /// Runs `body` on a read snapshot; unlike `read`, it may capture state
    /// that is not `Sendable` (an export's output file), since it runs
    /// synchronously on the caller's behalf.
    func stream(_ body: (Database) throws -> Void) throws(StorageError) {
        do {
            try pool.read(body)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.readFailed, path: path, detail: "\(error)")
        }
    }
}
