import Electrochemistry
import Synchronization

/// A job's retention references (`RetentionReferences`): cycles are
/// summarised one at a time as they end, so the references have to outlive
/// each request.
final class RetentionReference: Sendable {
    private let references = Mutex(RetentionReferences())

    /// The retention of the cycle `figures` describes, or nil when no earlier
    /// cycle discharged at its current (it then becomes the reference).
    func retention(of figures: CycleFigures) -> Double? {
        references.withLock { $0.retention(ofDischarge: figures.discharge, at: figures.dischargeCurrent) }
    }
}
