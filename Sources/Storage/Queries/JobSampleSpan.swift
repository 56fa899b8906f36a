import GRDB

/// Where a job's samples are: its channel's seqs from the job's first sample
/// to its last, which the job table keeps (`JobSeqSpans`). The samples are
/// read by the channel's primary key within them.
///
/// A job's time never runs backwards as its seqs grow (the executor carries
/// it on across restarts and outages), so a window of job time is a range of
/// seqs, found by bisecting on the primary key (`narrowed(from:to:in:)`).
struct JobSampleSpan {
    let job: Int64
    let channel: String
    let seqs: ClosedRange<Int64>

    /// The span of `job`'s samples, or nil when it has stored none.
    ///
    /// - Parameter stored: whether the job table keeps the spans; a database
    ///   from before they were kept, opened read-only and so not migrated,
    ///   still has the (job, time) index to find them by.
    static func of(job: Int64, stored: Bool, in db: Database) throws -> JobSampleSpan? {
        let sql = stored
            ? "SELECT channel, firstSeq, lastSeq FROM job WHERE id = ?"
            : "SELECT channel, (\(firstSeqByIndex)), (\(lastSeqByIndex)) FROM job WHERE id = ?"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [job]),
              let channel: String = row[0], let first: Int64 = row[1], let last: Int64 = row[2], first <= last else { return nil }
        return JobSampleSpan(job: job, channel: channel, seqs: first...last)
    }

    /// The seq of the first and of the last sample of the job `job.id`, by
    /// the (job, time) index of a database from before the spans were kept:
    /// one look-up each, as time grows with seq (ties go by rowid, which
    /// grows with seq too).
    static let firstSeqByIndex = "SELECT seq FROM sample WHERE sample.job = job.id ORDER BY time, rowid LIMIT 1"
    static let lastSeqByIndex = "SELECT seq FROM sample WHERE sample.job = job.id ORDER BY time DESC, rowid DESC LIMIT 1"

    /// The job's samples (unordered).
    var samples: QueryInterfaceRequest<StoredSample> {
        StoredSample.filter(Column("channel") == channel && Column("seq") >= seqs.lowerBound && Column("seq") <= seqs.upperBound
                            && Column("job") == job)
    }

    /// The span cut to the samples whose job time is at least `from` and at
    /// most `to` (either may be open), or nil when none is.
    func narrowed(from: Double?, to: Double?, in db: Database) throws -> JobSampleSpan? {
        var lower = seqs.lowerBound, upper = seqs.upperBound
        if let from {
            guard let first = try firstSeq(in: db, where: { $0 >= from }) else { return nil }
            lower = first
        }
        if let to, let beyond = try firstSeq(in: db, where: { $0 > to }) {
            upper = beyond - 1
        }
        return lower <= upper ? JobSampleSpan(job: job, channel: channel, seqs: lower...upper) : nil
    }

    /// The seq of the first sample whose time meets `condition`, which, as
    /// time grows, turns true and stays so; nil when no sample meets it.
    private func firstSeq(in db: Database, where condition: (Double) -> Bool) throws -> Int64? {
        // Samples before `low` fail the condition; samples at `high` or later
        // (in the span) meet it. Seqs between samples belong to events.
        var low = seqs.lowerBound, high = seqs.upperBound + 1
        while low < high {
            let middle = low + (high - low) / 2
            guard let (seq, time) = try firstSample(from: middle, before: high, in: db), !condition(time) else {
                high = middle
                continue
            }
            low = seq + 1
        }
        return try firstSample(from: low, before: seqs.upperBound + 1, in: db)?.seq
    }

    /// The seq and time of the first sample at seq `from` or later, before `end`.
    private func firstSample(from: Int64, before end: Int64, in db: Database) throws -> (seq: Int64, time: Double)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, time FROM sample WHERE channel = ? AND seq >= ? AND seq < ? ORDER BY seq LIMIT 1
            """, arguments: [channel, from, end]) else { return nil }
        return (row[0], row[1])
    }
}

extension Store {
    /// The span of `job`'s samples, or nil when it has stored none.
    func sampleSpan(of job: Int64, in db: Database) throws -> JobSampleSpan? {
        try JobSampleSpan.of(job: job, stored: keepsJobSampleSpans, in: db)
    }
}
