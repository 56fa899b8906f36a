/// Decides which samples are stored: the first and last of every step, and
/// any sample `dt` after the last stored one or `dV`/`dI` away from it.
struct RecordFilter {
    var policy: RecordPolicy
    private var last: (time: Double, voltage: Double, current: Double)?

    init(policy: RecordPolicy) {
        self.policy = policy
    }

    /// Starts a step: its first sample is always kept.
    mutating func reset(policy: RecordPolicy) {
        self.policy = policy
        last = nil
    }

    /// Whether to keep this sample; `force` keeps it regardless (step ends, limits).
    mutating func shouldRecord(time: Double, voltage: Double, current: Double, force: Bool = false) -> Bool {
        let keep: Bool
        if force {
            keep = true
        } else if let last {
            // A hair under dt, so sampling jitter never skips a whole interval.
            keep = time - last.time >= policy.interval * (1 - 1e-9)
                || policy.voltageChange.map { abs(voltage - last.voltage) >= $0 } ?? false
                || policy.currentChange.map { abs(current - last.current) >= $0 } ?? false
        } else {
            keep = true
        }
        if keep { last = (time, voltage, current) }
        return keep
    }
}
