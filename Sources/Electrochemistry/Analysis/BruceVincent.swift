/// Li⁺ transference number by the Bruce–Vincent–Evans method.
///
/// A small voltage ΔV held across Li|SE|Li drives an initial current I₀ set
/// by the bulk and interfaces; salt concentration gradients then build up
/// until only the cation carries current, at I_s. Interfaces change during
/// the hold, so their resistances before (R₀) and after (R_s), from EIS, are
/// subtracted from ΔV:
///
///     t₊ = I_s·(ΔV − I₀R₀) / (I₀·(ΔV − I_s·R_s))
///
/// I₀ is read after the step (the first sample reaching half the trace's
/// peak magnitude; earlier open-circuit rows are ignored) by an
/// `InitialCurrentReading`. I_s is detected with `SteadyStateDetector`, not
/// assumed, and taken at the end of the hold, where R_s is measured.
public struct BruceVincentResult: Sendable, Hashable {
    public var transferenceNumber: Double
    /// I₀ (A), how it was read, and the time it refers to (s): the sample's
    /// time, or the step's for an extrapolation (one sample interval before
    /// the first sample of the hold).
    public var initialCurrent: Double
    public var initialCurrentReading: InitialCurrentReading
    public var initialCurrentTime: Double
    /// I_s (A) and the steady-state detection behind it.
    public var steadyCurrent: Double
    public var steadyState: SteadyState
    /// The Evans-corrected inputs: |ΔV| (V), R₀ and R_s (Ω), and the
    /// corrected drives ΔV − I₀R₀ and ΔV − I_sR_s (V).
    public var appliedVoltage: Double
    public var initialInterfacialResistance: Double
    public var steadyInterfacialResistance: Double
    public var initialDrive: Double
    public var steadyDrive: Double
    /// I_s/I₀ without the interfacial correction, for comparison.
    public var uncorrectedRatio: Double
}

public enum BruceVincent {
    /// Computes t₊ from a potentiostatic hold.
    ///
    /// - Parameters:
    ///   - trace: the current during the hold (voltage is not used).
    ///   - appliedVoltage: ΔV (V); its sign does not matter.
    ///   - initialInterfacialResistance: R₀ (Ω), from EIS just before the hold.
    ///   - steadyInterfacialResistance: R_s (Ω), from EIS at the end of the hold.
    ///   - initialCurrentReading: how I₀ is read from the trace.
    ///   - criterion: how steady state is recognised.
    /// - Throws: `AnalysisError` for a bad trace, non-positive inputs, no
    ///   steady state, or interfacial drops I₀R₀ or I_sR_s that use up all of ΔV
    ///   (the resistances are too large for the currents measured).
    public static func analyse(_ trace: [TraceSample], appliedVoltage: Double, initialInterfacialResistance r0: Double,
                               steadyInterfacialResistance rs: Double, initialCurrentReading: InitialCurrentReading = .firstSample(delay: 0),
                               criterion: SteadyStateCriterion = SteadyStateCriterion()) throws(AnalysisError) -> BruceVincentResult {
        let dv = abs(appliedVoltage)
        guard dv.isFinite, dv > 0 else {
            throw AnalysisError(.invalidParameter, "ΔV \(appliedVoltage) V: give the applied step, e.g. 10 mV", field: "voltage")
        }
        for (field, value) in [("r0", r0), ("rs", rs)] where !(value.isFinite && value >= 0) {
            throw AnalysisError(.invalidParameter, "\(field) \(value) Ω: interfacial resistance must be finite and not negative", field: field)
        }
        try trace.validateTrace(minimumCount: 3)
        let onset = try trace.polarisationOnset()
        let hold = Array(trace[onset...])
        let (i0, i0Time) = try initialCurrentReading.read(hold)
        let steady = try SteadyStateDetector.detect(hold, criterion: criterion)
        guard steady.isReached else {
            throw AnalysisError(.noSignal,
                                "the current did not reach steady state (final drift \(steady.finalRelativeDrift) per \(criterion.window) s window); hold longer",
                                field: "current")
        }
        let iS = abs(steady.current)
        let initialDrive = dv - i0 * r0, steadyDrive = dv - iS * rs
        guard initialDrive > 0 else {
            throw AnalysisError(.invalidParameter, "I₀·R₀ = \(i0 * r0) V is not below ΔV = \(dv) V; R₀ is too large for this I₀", field: "r0")
        }
        guard steadyDrive > 0 else {
            throw AnalysisError(.invalidParameter, "I_s·R_s = \(iS * rs) V is not below ΔV = \(dv) V; R_s is too large for this I_s", field: "rs")
        }
        return BruceVincentResult(
            transferenceNumber: iS * initialDrive / (i0 * steadyDrive),
            initialCurrent: i0, initialCurrentReading: initialCurrentReading, initialCurrentTime: i0Time, steadyCurrent: iS, steadyState: steady,
            appliedVoltage: dv, initialInterfacialResistance: r0, steadyInterfacialResistance: rs,
            initialDrive: initialDrive, steadyDrive: steadyDrive, uncorrectedRatio: iS / i0)
    }
}
