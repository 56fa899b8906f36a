import Foundation

/// A blocking wait on a thread the caller owns, that another thread can cut
/// short: how a polling thread waits out its cadence without a timer from
/// the (possibly busy) cooperative pool.
public final class Pacer: @unchecked Sendable {
    // `cancelled` is guarded by `condition`.
    private let condition = NSCondition()
    private var cancelled = false

    public init() {}

    /// Waits `duration`; false when cancelled (before or during the wait).
    public func wait(for duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) * 1e-18)
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, condition.wait(until: deadline) {}
        return !cancelled
    }

    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Makes it wait again after a cancellation (a new run of the same poller).
    public func reset() {
        condition.lock()
        cancelled = false
        condition.unlock()
    }
}
