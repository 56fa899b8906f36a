/// Flags an open-circuit voltage that keeps moving long after the current
/// stopped: self-discharge through a soft short or electronic leakage, or
/// interphase chemistry (DOMAIN §4).
///
/// After `restSettleTime` at rest it fits a line to V(t) (running sums, so
/// each sample costs a few flops) and judges its slope once the fit spans
/// `driftWindow`: in V/h, or for a full cell as self-discharge through the
/// OCV slope. One alarm per rest.
public struct OpenCircuitDriftDetector: Sendable {
    public var thresholds: DetectorThresholds
    private var restStart: Double?
    private var n = 0.0, st = 0.0, sv = 0.0, stt = 0.0, stv = 0.0, firstTime = 0.0
    private var reported = false

    public init(thresholds: DetectorThresholds) {
        self.thresholds = thresholds
    }

    /// - Parameters:
    ///   - slope: dOCV/dSOC at the present SOC (V), for full cells; the drift is
    ///     then judged as self-discharge.
    public mutating func update(time: Double, resting: Bool, voltage: Double, slope: Double?, cycle: Int) -> Alarm? {
        guard resting else {
            restStart = nil
            reported = false
            n = 0; st = 0; sv = 0; stt = 0; stv = 0
            return nil
        }
        guard let start = restStart else {
            restStart = time
            return nil
        }
        guard time - start >= thresholds.restSettleTime else { return nil }
        if n == 0 { firstTime = time }
        let t = time - firstTime
        n += 1; st += t; sv += voltage; stt += t * t; stv += t * voltage
        let span = t
        let denominator = n * stt - st * st
        guard span >= thresholds.driftWindow, denominator > 0, !reported else { return nil }
        let rate = (n * stv - st * sv) / denominator
        var evidence = [Alarm.Evidence("OCV drift", rate * 3600, unit: "V/h")]
        if let slope, slope > 0 {
            let selfDischarge = rate / slope
            guard abs(selfDischarge) >= thresholds.selfDischargeRate else { return nil }
            evidence.append(Alarm.Evidence("self-discharge", selfDischarge * 3600, unit: "SOC/h", limit: thresholds.selfDischargeRate * 3600))
        } else {
            guard abs(rate) >= thresholds.openCircuitDriftRate else { return nil }
            evidence[0].limit = thresholds.openCircuitDriftRate * 3600
        }
        reported = true
        return Alarm(kind: .openCircuitDrift, time: time, cycle: cycle, evidence: evidence + [
            Alarm.Evidence("at rest for", time - start, unit: "s"),
            Alarm.Evidence("voltage", voltage, unit: "V"),
        ])
    }
}
