/// Flags interfacial resistance growing faster than the limit, as ASR per √h.
///
/// Interphases grow parabolically (ASR ∝ √t, DOMAIN §3–4), so the slope of R
/// against √t is a property of the chemistry and the temperature rather than
/// of how long the cell has run: a fast-growing interphase is flagged early,
/// and a slow normal one is never flagged however long it runs. Resistance
/// that falls over the first cycles (activation, precycling) lowers the slope
/// and cannot alarm.
public struct InterphaseGrowthDetector: Sendable {
    public var thresholds: DetectorThresholds
    /// m².
    public let area: Double
    private var reported = false

    public init(thresholds: DetectorThresholds, area: Double) {
        self.thresholds = thresholds
        self.area = area
    }

    /// Judges the series after a new reading was appended to it.
    public mutating func update(time: Double, cycle: Int, history: ResistanceHistory, cycling: Bool) -> Alarm? {
        guard !reported, let first = history.readings.first, let last = history.latest,
              history.readings.count >= thresholds.interphaseMinimumReadings,
              last.time - first.time >= thresholds.interphaseMinimumSpan,
              let rate = history.growthPerRootHour else { return nil }
        let areal = rate * area
        guard areal >= thresholds.interphaseGrowthRate else { return nil }
        reported = true
        var evidence = [
            Alarm.Evidence("R_int", last.resistance, unit: "Ohm"),
            Alarm.Evidence("R_int at first reading", first.resistance, unit: "Ohm"),
            Alarm.Evidence("ASR growth per root hour", areal * 1e4, unit: "Ohm cm2/h^0.5", limit: thresholds.interphaseGrowthRate * 1e4),
        ]
        if cycling, let perCycle = history.growthPerCycle() {
            evidence.append(Alarm.Evidence("ASR growth per cycle", perCycle * area * 1e4, unit: "Ohm cm2"))
        }
        return Alarm(kind: .interphaseGrowth, time: time, cycle: cycle, evidence: evidence)
    }
}
