/// Every limit the failure detectors use, in SI units; the defaults come from
/// shared/DOMAIN.md §3–4 where it gives a number, and are stated as lab
/// practice where it does not.
public struct DetectorThresholds: Sendable, Hashable {
    // MARK: Shorts (DOMAIN §4: voltage collapses toward the ohmic line or to ~0)

    /// A symmetric cell's |V|/|I| below this fraction of its settled value is a collapse.
    public var softShortFraction = 0.5
    /// Below this fraction (of |V|/|I| for symmetric cells, of the OCV for full
    /// cells) the collapse is a hard short at once.
    public var hardShortFraction = 0.05
    /// A full cell's voltage below this fraction of its OCV (and below the
    /// model's prediction by half that fraction of the OCV) is a collapse: a
    /// heavy pulse at the end of discharge sags to about 0.7 of the OCV, a
    /// short to ~0.
    public var fullCellCollapseFraction = 0.5
    /// s: a soft short still collapsed after this long is a hard short (soft
    /// shorts burn out in seconds to tens of seconds).
    public var softShortPersistence = 60.0

    // MARK: Contact loss (DOMAIN §4: stripping pulls away from plating, ASR rises, pressure drops)

    /// Rise of the apparent resistance over its slowly following baseline.
    public var contactResistanceRise = 0.3
    /// Stripping overpotential above plating by this fraction (symmetric cells).
    public var overpotentialAsymmetry = 0.3
    /// Pa: measured pressure this far from expected is anomalous; a drop this
    /// large is contact-loss evidence.
    public var pressureResidual = 0.5e6

    // MARK: Growth, drift, fade

    /// Ω·m² per √h: interfacial ASR growing faster than this. Interphases
    /// grow parabolically (DOMAIN §3), so a rate per √h is a property of the
    /// chemistry: LGPS against Li grows about ten times faster than Li₇P₃S₁₁;
    /// the default sits between them (practice: 30 Ω cm²/√h).
    public var interphaseGrowthRate = 30e-4
    /// s and count: the span and number of readings a rate needs.
    public var interphaseMinimumSpan = 3600.0
    public var interphaseMinimumReadings = 5
    /// V/s: OCV still moving this fast after `restSettleTime` at rest
    /// (practice: 2 mV/h), for cells without an OCV curve.
    public var openCircuitDriftRate = 2e-3 / 3600
    /// SOC per second: a full cell's drift read through its OCV slope as
    /// self-discharge (practice: 0.1 %/h, some 2 % a day; a steep end of the
    /// curve turns even tiny leakage into mV/h, so volts alone would mislead).
    public var selfDischargeRate = 1e-3 / 3600
    /// s: rest before OCV drift is judged, and the span it is judged over.
    public var restSettleTime = 3600.0
    public var driftWindow = 3600.0
    /// Capacity lost per cycle, as a fraction of the post-activation best
    /// (DOMAIN §4: cathode-side oxidation fades 1–2 % per cycle). The
    /// capacity is the cell's own (charge per SOC swing, state of health),
    /// not what a rate-limited discharge delivered between cut-offs: growing
    /// resistance is judged by the resistance detectors.
    public var capacityFadePerCycle = 0.01
    /// Cycles the fade is judged over.
    public var fadeWindow = 8
    /// Cycles that are activation, not faults: capacity may rise and
    /// interfacial resistance fall (DOMAIN §1 precycling, §4).
    public var activationCycles = 3

    public init() {}
}
