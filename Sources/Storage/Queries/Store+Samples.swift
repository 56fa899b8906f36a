import GRDB

extension Store {
    /// The samples in `range`, in the order they were recorded.
    public func samples(_ range: SampleRange) throws(StorageError) -> [StoredSample] {
        try read { db in
            guard let (condition, arguments) = try range.condition(in: db, store: self) else { return [] }
            return try StoredSample.fetchAll(db, sql: "SELECT * FROM sample WHERE \(condition) ORDER BY channel, seq", arguments: arguments)
        }
    }

    /// The samples in `range`, thinned to at most `maxPoints` (two at least: a
    /// bucket's lowest and highest) for a plot.
    ///
    /// The range's time span is cut into `maxPoints / 2` equal buckets and
    /// each bucket keeps the sample with its lowest and the one with its
    /// highest voltage (one when they coincide), in recorded order. Picking
    /// every n-th sample instead would let a short spike (a lithium-dendrite
    /// short's voltage drop, a pulse's overshoot) fall between the picks and
    /// vanish from the plot; min and max per bucket keep every excursion as
    /// tall as it was, at the cost of the bucket's interior detail. SQLite does
    /// the bucketing (a `MIN()`/`MAX()` aggregate's bare columns come from the
    /// row that holds the extreme), so a month of samples is never loaded to
    /// draw a thousand points.
    public func samples(_ range: SampleRange, maxPoints: Int) throws(StorageError) -> [StoredSample] {
        try read { db in
            guard let (condition, arguments) = try range.condition(in: db, store: self) else { return [] }
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(time), MAX(time) FROM sample WHERE \(condition)",
                                       arguments: arguments)
            let count: Int = row?[0] ?? 0
            guard count > max(maxPoints, 1), let first: Double = row?[1], let last: Double = row?[2], last > first else {
                return try StoredSample.fetchAll(db, sql: "SELECT * FROM sample WHERE \(condition) ORDER BY channel, seq",
                                                 arguments: arguments)
            }
            let buckets = max(maxPoints / 2, 1)
            var bucketArguments = arguments
            bucketArguments += ["first": first, "scale": Double(buckets) / (last - first), "lastBucket": buckets - 1]
            // The last sample's bucket index is clamped so the top of the range does not open one bucket too many.
            let bucket = "MIN(CAST((time - :first) * :scale AS INTEGER), :lastBucket)"
            var picked: [StoredSample] = []
            for extreme in ["MIN", "MAX"] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT *, \(extreme)(voltage) AS extreme FROM sample WHERE \(condition) GROUP BY \(bucket)
                    """, arguments: bucketArguments)
                picked += try rows.map { try StoredSample(row: $0) }
            }
            var seen = Set<SampleKey>()
            return picked.filter { seen.insert(SampleKey(channel: $0.channel, seq: $0.seq)).inserted }
                .sorted { ($0.channel, $0.seq) < ($1.channel, $1.seq) }
        }
    }
}

/// A sample's primary key, to drop a bucket's min that is also its max.
private struct SampleKey: Hashable {
    var channel: String
    var seq: Int64
}
