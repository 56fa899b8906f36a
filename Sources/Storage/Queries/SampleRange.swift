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

    /// The `WHERE` condition, shared by the plain and the decimated queries.
    var sql: String {
        var clauses: [String] = []
        if channel != nil { clauses.append("channel = :channel") }
        if job != nil { clauses.append("job = :job") }
        if from != nil { clauses.append("time >= :from") }
        if to != nil { clauses.append("time <= :to") }
        return clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
    }

    var arguments: StatementArguments {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        if let channel { values["channel"] = channel }
        if let job { values["job"] = job }
        if let from { values["from"] = from }
        if let to { values["to"] = to }
        return StatementArguments(values)
    }
}
