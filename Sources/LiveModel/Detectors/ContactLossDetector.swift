import Numerics

/// Flags lost contact between an electrode and the electrolyte (voids, a
/// released stack): the apparent resistance jumps over its slowly following
/// baseline, helped by a pressure drop or stripping pulling away from plating.
///
/// The baseline follows slow interphase growth (hours), so only a jump
/// counts. Half the rise limit suffices when another signature agrees; alone,
/// a rise must reach `standaloneRise`.
public struct ContactLossDetector: Sendable {
    public var thresholds: DetectorThresholds
    /// The rise that alarms with no other signature agreeing.
    public var standaloneRise: Double
    /// s: memory of the resistance baseline.
    public var baselineMemory = 6 * 3600.0
    private var baseline: Double?
    private var active = false
    /// Stripping over plating overpotential, from the last pair of half-cycles.
    private var asymmetry = 0.0
    private var lastPlating: Double?
    /// The largest pressure drop seen recently (Pa, positive) and when: the
    /// pressure model re-bases right after a drop, so the residual itself
    /// is gone by the time the resistance shows the damage.
    private var drop: (size: Double, time: Double)?
    /// s: how long a pressure drop corroborates a resistance rise.
    public var pressureMemory = 3600.0

    public init(thresholds: DetectorThresholds, standaloneRise: Double) {
        self.thresholds = thresholds
        self.standaloneRise = standaloneRise
    }

    /// Records a measured − expected pressure residual (Pa).
    public mutating func record(pressureResidual residual: Double, time: Double) {
        if let last = drop, time - last.time > pressureMemory { drop = nil }
        if -residual >= thresholds.pressureResidual, -residual > (drop?.size ?? 0) { drop = (-residual, time) }
    }

    /// Records a finished half-cycle's mean overpotential (symmetric cells).
    public mutating func record(halfCycle: CycleCounter.HalfCycle) {
        if halfCycle.isCharge {
            lastPlating = halfCycle.meanOverpotential
        } else if let plating = lastPlating, plating > 0 {
            asymmetry = halfCycle.meanOverpotential / plating - 1
        }
    }

    /// One resistance reading.
    ///
    /// - Parameters:
    ///   - resistance: the apparent resistance now (Ω).
    ///   - reference: what it should be (Ω), when the caller knows (a full
    ///     cell's R0 at this SOC); nil compares with the running baseline.
    public mutating func update(time: Double, dt: Double, resistance: Double, reference given: Double?, cycle: Int) -> Alarm? {
        guard resistance.isFinite, resistance > 0 else { return nil }
        guard let reference = given ?? baseline, reference > 0 else {
            baseline = resistance
            return nil
        }
        let rise = resistance / reference - 1
        let recentDrop = drop.flatMap { time - $0.time <= pressureMemory ? $0.size : nil }
        let limit = thresholds.contactResistanceRise
        let corroborated = recentDrop != nil || asymmetry >= thresholds.overpotentialAsymmetry
        let lost = rise >= standaloneRise || (corroborated && rise >= limit / 2)
        if lost {
            guard !active else { return nil }
            active = true
            var evidence = [
                Alarm.Evidence("apparent resistance", resistance, unit: "Ohm"),
                Alarm.Evidence("baseline", reference, unit: "Ohm"),
                Alarm.Evidence("rise", rise, unit: "", limit: corroborated ? limit / 2 : standaloneRise),
            ]
            if let recentDrop {
                evidence.append(Alarm.Evidence("pressure residual", -recentDrop, unit: "Pa", limit: -thresholds.pressureResidual))
            }
            if asymmetry != 0 {
                evidence.append(Alarm.Evidence("stripping over plating overpotential", asymmetry, unit: "", limit: thresholds.overpotentialAsymmetry))
            }
            return Alarm(kind: .contactLoss, time: time, cycle: cycle, evidence: evidence)
        }
        if rise < limit / 2 { active = false }
        if !active, given == nil {
            let a = -Double.expMinusOne(-dt / baselineMemory)
            baseline = reference + a * (resistance - reference)
        }
        return nil
    }
}
