/// Watches every sample against the job's safety limits.
///
/// A plain state machine (no I/O) so it is tested directly and its cost on
/// the hot path is a few comparisons: `check` returns the limit that must act
/// now, counting each limit's delay from the first sample that crossed it.
struct SafetyMonitor {
    let limits: [SafetyLimits.Limit]
    /// When each limit was first seen crossed, in an array parallel to `limits`.
    private var crossedSince: [Double?]

    /// The quantities some limit watches, whose sensors must stay fresh.
    let watchedQuantities: Set<SafetyLimits.Quantity>

    init(_ safety: SafetyLimits) {
        self.limits = safety.limits
        self.crossedSince = Array(repeating: nil, count: safety.limits.count)
        self.watchedQuantities = Set(safety.limits.map(\.quantity))
    }

    /// The limit that trips on this sample, with the reading that crossed it.
    mutating func check(_ sample: some SampleReading, time: Double) -> (limit: SafetyLimits.Limit, reading: Double)? {
        for index in limits.indices {
            let limit = limits[index]
            guard let reading = limit.quantity.value(in: sample), limit.isCrossed(by: reading) else {
                crossedSince[index] = nil
                continue
            }
            let since = crossedSince[index] ?? time
            crossedSince[index] = since
            if time - since >= limit.delay { return (limit, reading) }
        }
        return nil
    }

    /// Forgets pending delays (after a pause, the job starts afresh).
    mutating func reset() {
        crossedSince = Array(repeating: nil, count: limits.count)
    }
}
