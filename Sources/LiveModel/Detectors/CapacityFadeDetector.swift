import Electrochemistry

/// Flags capacity lost faster per cycle than the limit, judged over the last
/// few cycles after activation, against the best capacity since activation.
/// Capacity that rises (activation, a Li–S cell improving) never alarms.
public struct CapacityFadeDetector: Sendable {
    public var thresholds: DetectorThresholds
    private var capacities: [(cycle: Int, capacity: Double)] = []
    private var best = 0.0
    private var active = false

    public init(thresholds: DetectorThresholds) {
        self.thresholds = thresholds
    }

    /// The fade per cycle over the window, as a fraction of the best capacity.
    public private(set) var fadePerCycle: Double?

    /// One finished cycle: the capacity estimate after it and what the discharge delivered (C).
    public mutating func update(time: Double, cycle: Int, capacity: Double, delivered: Double) -> Alarm? {
        guard cycle > thresholds.activationCycles, capacity > 0 else { return nil }
        best = max(best, capacity)
        capacities.append((cycle, capacity))
        if capacities.count > thresholds.fadeWindow { capacities.removeFirst(capacities.count - thresholds.fadeWindow) }
        guard capacities.count >= max(thresholds.fadeWindow, 2) else { return nil }
        var a = Matrix(rows: capacities.count, columns: 2)
        for (row, entry) in capacities.enumerated() {
            a[row, 0] = 1
            a[row, 1] = Double(entry.cycle)
        }
        let fade = -LeastSquares.solve(a, capacities.map(\.capacity))[1] / best
        fadePerCycle = fade
        if fade < thresholds.capacityFadePerCycle / 2 { active = false }
        guard fade >= thresholds.capacityFadePerCycle, !active else { return nil }
        active = true
        return Alarm(kind: .capacityFade, time: time, cycle: cycle, evidence: [
            Alarm.Evidence("fade per cycle", fade, unit: "", limit: thresholds.capacityFadePerCycle),
            Alarm.Evidence("capacity", capacity / 3.6, unit: "mAh"),
            Alarm.Evidence("best since activation", best / 3.6, unit: "mAh"),
            Alarm.Evidence("delivered on discharge", delivered / 3.6, unit: "mAh"),
        ])
    }
}
