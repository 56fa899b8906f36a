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
    /// Standard error of t₊ from the resistances' standard errors and the
    /// steady current's remaining drift, to first order.
    public var standardError: Double

    /// How many times a relative error in R₀ or I₀ is magnified in t₊:
    /// |∂ln t₊/∂ln R₀| = I₀R₀/(ΔV − I₀R₀). It grows without bound as I₀R₀
    /// approaches ΔV, where a few per cent on R₀ moves t₊ by tens of per cent.
    public var conditionNumber: Double { initialInterfacialResistance * initialCurrent / initialDrive }

    /// I₀R₀/ΔV: the share of the step the interfaces take at the start.
    public var initialDropFraction: Double { initialInterfacialResistance * initialCurrent / appliedVoltage }

    /// Whether t₊ must carry a warning that it is ill-conditioned.
    public var isIllConditioned: Bool { initialDropFraction > BruceVincent.illConditionedDropFraction }

    /// What a reader of t₊ must be told: that it is ill-conditioned, or that
    /// it lies outside [0, 1] (within its error, or it would have been refused).
    public var warnings: [String] {
        var warnings: [String] = []
        if isIllConditioned {
            warnings.append("I₀R₀/ΔV = \(initialDropFraction.formatted(significantDigits: 3)) is close to 1, so t₊ is ill-conditioned: "
                + "an error in R₀ or I₀ is magnified \(conditionNumber.formatted(significantDigits: 2))× (apply a larger ΔV)")
        }
        if !(0...1).contains(transferenceNumber) {
            warnings.append("t₊ = \(transferenceNumber.formatted(significantDigits: 4)) ± \(standardError.formatted(significantDigits: 2)) "
                + "is outside [0, 1], where no electrolyte's is; it is reported because it is within twice its error of "
                + "\(transferenceNumber > 1 ? "1 (a single-ion conductor)" : "0"), but check the R₀ and R_s fits")
        }
        return warnings
    }
}

public enum BruceVincent {
    /// I₀R₀/ΔV above which t₊ is flagged: the condition number is then above
    /// 4, so the 5 % an EIS fit of R₀ is commonly off moves t₊ by over 20 %.
    public static let illConditionedDropFraction = 0.8

    /// Computes t₊ from a potentiostatic hold.
    ///
    /// - Parameters:
    ///   - trace: the current during the hold (voltage is not used).
    ///   - appliedVoltage: ΔV (V); its sign does not matter.
    ///   - initialInterfacialResistance: R₀ (Ω), from EIS just before the hold.
    ///   - steadyInterfacialResistance: R_s (Ω), from EIS at the end of the hold.
    ///   - initialResistanceError: standard error of R₀ (Ω), from its fit.
    ///   - steadyResistanceError: standard error of R_s (Ω).
    ///   - initialCurrentReading: how I₀ is read from the trace.
    ///   - criterion: how steady state is recognised.
    /// - Throws: `AnalysisError` for a bad trace, non-positive inputs, no
    ///   steady state, or interfacial drops I₀R₀ or I_sR_s that use up all of ΔV
    ///   (the resistances are too large for the currents measured), and for a
    ///   t₊ outside [0, 1] by more than twice its standard error, which no
    ///   electrolyte has: the message gives the value and which input is to
    ///   blame. A single-ion conductor measured just above 1 within its error
    ///   is reported, with that error.
    public static func analyse(_ trace: [TraceSample], appliedVoltage: Double, initialInterfacialResistance r0: Double,
                               steadyInterfacialResistance rs: Double, initialResistanceError: Double = 0,
                               steadyResistanceError: Double = 0, initialCurrentReading: InitialCurrentReading = .firstSample(delay: 0),
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
        let tPlus = iS * initialDrive / (i0 * steadyDrive)
        // ∂ln t₊ against R₀, R_s and ln I_s; the steady current may still move by its last window's drift.
        let relative = [i0 * initialResistanceError / initialDrive, iS * steadyResistanceError / steadyDrive,
                        dv / steadyDrive * steady.finalRelativeDrift]
        let standardError = tPlus * relative.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // Rounding alone moves an exact single-ion conductor off 1 by ~1e-12.
        let margin = max(2 * standardError, 1e-9)
        guard tPlus >= -margin, tPlus <= 1 + margin else {
            throw unphysical(tPlus, standardError: standardError, ratio: iS / i0, i0r0: i0 * r0, isRs: iS * rs, dv: dv)
        }
        return BruceVincentResult(
            transferenceNumber: tPlus,
            initialCurrent: i0, initialCurrentReading: initialCurrentReading, initialCurrentTime: i0Time, steadyCurrent: iS, steadyState: steady,
            appliedVoltage: dv, initialInterfacialResistance: r0, steadyInterfacialResistance: rs,
            initialDrive: initialDrive, steadyDrive: steadyDrive, uncorrectedRatio: iS / i0, standardError: standardError)
    }

    /// The refusal of a t₊ above 1, naming the likeliest cause.
    private static func unphysical(_ tPlus: Double, standardError: Double, ratio: Double, i0r0: Double, isRs: Double,
                                   dv: Double) -> AnalysisError {
        let reason = ratio > 1
            ? "I_s/I₀ = \(ratio.formatted(significantDigits: 4)) exceeds 1, so I₀ was read after the current had already decayed (read it earlier or extrapolate it against √t) or the cell is not blocking to anions"
            : "the Evans correction ΔV − I₀R₀ = \(dv - i0r0) V against ΔV − I_sR_s = \(dv - isRs) V outweighs I_s/I₀ = \(ratio): "
              + "R₀ is too small or R_s too large for these currents (check both EIS fits)"
        let value = "\(tPlus.formatted(significantDigits: 4)) ± \(standardError.formatted(significantDigits: 2))"
        return AnalysisError(.unphysicalResult, "t₊ = \(value) is outside [0, 1], so it is not reported: \(reason)",
                             field: "transference_number")
    }
}
