/// Re-estimates the capacity Coulomb counting divides by, once per full
/// (dis)charge: the charge that moved over the change in SOC the filter saw.
///
/// Only deep half-cycles are used (the filter's SOC at both ends is pinned by
/// the steep ends of the OCV curve), each update moves the estimate part of
/// the way, and a single update is bounded, so one bad half-cycle cannot
/// throw the count.
public struct CapacityEstimator: Sendable {
    /// C: the nominal capacity, for state of health.
    public let nominal: Double
    /// C: the present estimate.
    public private(set) var capacity: Double
    /// Smallest SOC swing a half-cycle needs to count.
    public var minimumSwing = 0.5
    /// Fraction of the way each update moves.
    public var gain = 0.2
    /// Largest relative change one update may make.
    public var maximumStep = 0.1

    public init(nominal: Double) {
        self.nominal = nominal
        self.capacity = nominal
    }

    /// Capacity over nominal: state of health.
    public var stateOfHealth: Double { capacity / nominal }

    /// Updates from a finished half-cycle; returns the half-cycle's own capacity when it counted.
    @discardableResult
    public mutating func update(_ half: CycleCounter.HalfCycle) -> Double? {
        let swing = abs(half.endStateOfCharge - half.startStateOfCharge)
        guard swing.isFinite, swing >= minimumSwing, half.charge > 0 else { return nil }
        let measured = half.charge / swing
        let step = min(max(gain * (measured / capacity - 1), -maximumStep), maximumStep)
        capacity *= 1 + step
        return measured
    }
}
