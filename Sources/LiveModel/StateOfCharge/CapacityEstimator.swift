/// Re-estimates the capacity Coulomb counting divides by, from the charge
/// that moved between two settled rests over the change in SOC the OCV
/// showed at them.
///
/// At the end of a rest the filter's SOC is pinned by the OCV, free of the
/// load model, so two rests far enough apart in SOC (a full discharge
/// between them) measure the capacity. Only discharges count: the charge a
/// cell takes includes what side reactions consume (a first charge's
/// formation, 10–20 % on uncoated NMC811), the charge it gives back does not. Each update moves the
/// estimate part of the way and is bounded, so one bad pair cannot throw the
/// count.
public struct CapacityEstimator: Sendable {
    /// C: the nominal capacity, for state of health.
    public let nominal: Double
    /// C: the present estimate.
    public private(set) var capacity: Double
    /// Smallest SOC swing between two rests that counts.
    public var minimumSwing = 0.5
    /// Fraction of the way each update moves: three quarters, so that with
    /// one update a cycle (discharges only) a capacity error shrinks per
    /// cycle as it did with one a half-cycle at half the way.
    public var gain = 0.75
    /// Largest relative change one update may make.
    public var maximumStep = 0.1
    private var lastAnchor: (stateOfCharge: Double, charge: Double)?

    public init(nominal: Double) {
        self.nominal = nominal
        self.capacity = nominal
    }

    /// Capacity over nominal: state of health.
    public var stateOfHealth: Double { capacity / nominal }

    /// The SOC at the end of a settled rest and the net charge passed so far
    /// (C); returns the capacity this pair measured when it counted.
    @discardableResult
    public mutating func anchor(stateOfCharge soc: Double, netCharge: Double) -> Double? {
        defer { lastAnchor = (soc, netCharge) }
        guard let last = lastAnchor else { return nil }
        let swing = soc - last.stateOfCharge, charge = netCharge - last.charge
        guard -swing >= minimumSwing, charge < 0 else { return nil }
        let measured = charge / swing
        let step = min(max(gain * (measured / capacity - 1), -maximumStep), maximumStep)
        capacity *= 1 + step
        return measured
    }
}
