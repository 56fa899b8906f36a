import Numerics

/// Flags a dendrite short on the sample where the voltage collapses.
///
/// A symmetric cell's |V|/|I| is compared with what it was: within the
/// relaxation time after a step against that step's ohmic jump, later against
/// its slowly following settled value. A full cell's voltage is compared with
/// the SOC filter's prediction: a collapse toward 0 V is far outside anything
/// the circuit does. A collapse deep enough (or lasting longer than a soft
/// short lives) is a hard short; the rest are soft shorts, which may recover
/// and re-arm the detector.
public struct ShortCircuitDetector: Sendable {
    public var thresholds: DetectorThresholds
    /// s: memory of the settled-resistance baseline.
    public var baselineMemory = 3600.0
    private var settled: Double?
    private var collapsedSince: Double?
    private var hardReported = false

    public init(thresholds: DetectorThresholds) {
        self.thresholds = thresholds
    }

    /// Whether the voltage is collapsed now (the SOC filter stops trusting it).
    public var isCollapsed: Bool { collapsedSince != nil || hardReported }

    /// A symmetric cell's sample under current.
    ///
    /// - Parameters:
    ///   - settledLevel: the current has held for at least the relaxation time.
    ///   - stepOhmic: |ΔV/ΔI| of the last step (Ω), the reference just after it.
    public mutating func updateSymmetric(time: Double, dt: Double, current: Double, voltage: Double,
                                         settledLevel: Bool, stepOhmic: Double?, cycle: Int) -> Alarm? {
        guard current != 0 else { return nil }
        let apparent = abs(voltage / current)
        guard let reference = settledLevel ? settled : (stepOhmic.map(abs) ?? settled), reference > 0 else {
            if settledLevel { settled = apparent }
            return nil
        }
        let ratio = apparent / reference
        let evidence = [
            Alarm.Evidence("|V|/|I|", apparent, unit: "Ohm"),
            Alarm.Evidence(settledLevel ? "settled |V|/|I| before" : "ohmic jump of the last step", reference, unit: "Ohm"),
            Alarm.Evidence("ratio", ratio, unit: "", limit: thresholds.softShortFraction),
        ]
        if ratio < thresholds.softShortFraction {
            return collapse(time: time, hard: ratio < thresholds.hardShortFraction, cycle: cycle, evidence: evidence)
        }
        recover()
        if settledLevel {
            let a = -Double.expMinusOne(-dt / baselineMemory)
            settled = reference + a * (apparent - reference)
        }
        return nil
    }

    /// A full cell's sample: `predicted` is the filter's voltage before this sample corrects it.
    public mutating func updateFull(time: Double, voltage: Double, predicted: Double, openCircuit: Double, cycle: Int) -> Alarm? {
        let fraction = thresholds.fullCellCollapseFraction
        let shortfall = predicted - voltage
        let evidence = [
            Alarm.Evidence("voltage over OCV", voltage / openCircuit, unit: "", limit: fraction),
            Alarm.Evidence("voltage", voltage, unit: "V"),
            Alarm.Evidence("predicted voltage", predicted, unit: "V"),
            Alarm.Evidence("OCV", openCircuit, unit: "V"),
        ]
        if openCircuit > 0, voltage < fraction * openCircuit, shortfall > fraction * openCircuit / 2 {
            return collapse(time: time, hard: voltage < thresholds.hardShortFraction * openCircuit, cycle: cycle, evidence: evidence)
        }
        recover()
        return nil
    }

    private mutating func collapse(time: Double, hard: Bool, cycle: Int, evidence: [Alarm.Evidence]) -> Alarm? {
        guard !hardReported else { return nil }
        guard let since = collapsedSince else {
            collapsedSince = time
            hardReported = hard
            return Alarm(kind: hard ? .hardShort : .softShort, time: time, cycle: cycle, evidence: evidence)
        }
        if hard || time - since >= thresholds.softShortPersistence {
            hardReported = true
            return Alarm(kind: .hardShort, time: time, cycle: cycle,
                         evidence: evidence + [Alarm.Evidence("collapsed for", time - since, unit: "s", limit: thresholds.softShortPersistence)])
        }
        return nil
    }

    private mutating func recover() {
        if !hardReported { collapsedSince = nil }
    }
}
