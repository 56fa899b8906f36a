/// What capacity retention is measured against: for each discharge current,
/// the first cycle that discharged at it.
///
/// Capacity at another current (a CCD ramp's next step, a rate test's next
/// rate) says nothing about fade, and a cycle's retention against itself is
/// 100 % by definition, not a measurement. So only a cycle that repeats an
/// earlier one's current gets a retention, and a protocol whose cycles all
/// differ (one that is not cycling) gets none.
public struct RetentionReferences: Sendable {
    /// A set current repeats to well within 1 % (instrument accuracy is about
    /// 0.1 % of range); a ramp's or a rate test's next step differs by more.
    public static let sameCurrent = 0.01

    private struct Reference: Sendable {
        /// The typical discharge current's magnitude (A) and the capacity discharged at it (C).
        var current: Double
        var capacity: Double
    }

    private var references: [Reference] = []

    public init() {}

    /// The retention of a cycle that discharged `capacity` (C) at the typical
    /// current `current` (A, a magnitude; see `typicalDischargeCurrent`), or nil
    /// when no earlier cycle discharged at that current; the cycle then becomes
    /// the reference for its current.
    public mutating func retention(ofDischarge capacity: Double, at current: Double?) -> Double? {
        guard capacity > 0, let current, current > 0 else { return nil }
        if let reference = references.first(where: { abs(current - $0.current) <= Self.sameCurrent * $0.current }) {
            return capacity / reference.capacity
        }
        references.append(Reference(current: current, capacity: capacity))
        return nil
    }

    /// The median magnitude of the discharging currents (below −`rest`, A):
    /// the condition a cycle's capacity was measured at; nil when it did not discharge.
    public static func typicalDischargeCurrent(_ currents: some Sequence<Double>, rest: Double) -> Double? {
        let discharging = currents.filter { $0 < -rest }.map { -$0 }.sorted()
        return discharging.isEmpty ? nil : discharging[discharging.count / 2]
    }
}
