import GRDB

/// Which samples a query wants: one job's, or a whole channel's across its
/// jobs, optionally between two job times (s, inclusive).
///
/// Job time, not unix time, bounds the range because plots and analyses are
/// drawn against it and it survives a restart's wall-clock gap unchanged.
/// Each job's time starts at 0, so a time window over a channel's several
/// jobs picks that window from each of them.
public struct SampleRange: Sendable, Hashable {
    public var channel: String?
    public var job: Int64?
    public var from: Double?
    public var to: Double?

    public init(channel: String? = nil, job: Int64? = nil, from: Double? = nil, to: Double? = nil) {
        self.channel = channel
        self.job = job
        self.from = from
        self.to = to
    }

    /// The `WHERE` condition and its arguments, shared by the plain and the
    /// decimated queries, or nil when no sample can be in the range. A job's
    /// samples are found by its span of the channel's seqs (`JobSampleSpan`),
    /// narrowed to the time window, so the condition reads only them.
    func condition(in db: Database, store: Store) throws -> (sql: String, arguments: StatementArguments)? {
        var clauses: [String] = []
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        if let job {
            guard let span = try store.sampleSpan(of: job, in: db), channel == nil || channel == span.channel,
                  let window = try span.narrowed(from: from, to: to, in: db) else { return nil }
            clauses += ["channel = :channel", "seq >= :firstSeq", "seq <= :lastSeq", "job = :job"]
            values["channel"] = window.channel
            values["firstSeq"] = window.seqs.lowerBound
            values["lastSeq"] = window.seqs.upperBound
            values["job"] = job
        } else if let channel {
            clauses.append("channel = :channel")
            values["channel"] = channel
        }
        if let from {
            clauses.append("time >= :from")
            values["from"] = from
        }
        if let to {
            clauses.append("time <= :to")
            values["to"] = to
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), StatementArguments(values))
    }
}
