import Synchronization

/// The discharge capacity of a job's first cycle that discharged, and the
/// current it discharged at: what retention is measured against. Cycles are
/// summarised one at a time as they end, so the reference has to outlive each
/// request.
final class RetentionReference: Sendable {
    struct Reference: Sendable {
        /// C.
        var capacity: Double
        /// The typical discharge current's magnitude (A).
        var current: Double?
    }

    private let stored = Mutex<Reference?>(nil)

    /// The reference, set from `figures` if none is set yet and it discharged.
    func reference(offering figures: CycleFigures) -> Reference? {
        stored.withLock { stored in
            if stored == nil, figures.discharge > 0 { stored = Reference(capacity: figures.discharge, current: figures.dischargeCurrent) }
            return stored
        }
    }
}
