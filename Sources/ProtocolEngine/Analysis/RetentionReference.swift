import Synchronization

/// The discharge capacity of a job's first cycle that discharged: what
/// retention is measured against. Cycles are summarised one at a time as they
/// end, so the reference has to outlive each request.
final class RetentionReference: Sendable {
    private let capacity = Mutex<Double?>(nil)

    /// The reference, set from `discharge` (C) if none is set yet and it is positive.
    func reference(offering discharge: Double) -> Double? {
        capacity.withLock { stored in
            if stored == nil, discharge > 0 { stored = discharge }
            return stored
        }
    }
}
