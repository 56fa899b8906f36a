/// Flags a measured stack pressure that leaves the expected one by more than
/// the limit: a rig that lost force, a cracked pellet, gas. Each excursion is
/// one alarm; the detector re-arms once the residual is back inside half the limit.
public struct PressureAnomalyDetector: Sendable {
    public var thresholds: DetectorThresholds
    private var active = false

    public init(thresholds: DetectorThresholds) {
        self.thresholds = thresholds
    }

    public mutating func update(time: Double, cycle: Int, measured: Double, residual: Double) -> Alarm? {
        if abs(residual) < thresholds.pressureResidual / 2 { active = false }
        guard abs(residual) >= thresholds.pressureResidual, !active else { return nil }
        active = true
        return Alarm(kind: .pressureAnomaly, time: time, cycle: cycle, evidence: [
            Alarm.Evidence("measured pressure", measured, unit: "Pa"),
            Alarm.Evidence("expected pressure", measured - residual, unit: "Pa"),
            Alarm.Evidence("residual", residual, unit: "Pa", limit: thresholds.pressureResidual),
        ])
    }
}
