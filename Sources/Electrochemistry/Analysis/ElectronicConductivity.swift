/// Electronic conductivity from DC polarisation on ion-blocking electrodes
/// (Hebb–Wagner style).
///
/// With SS|SE|SS or Au|SE|Au, ions cannot cross the electrodes: once their
/// double layers have charged, only electrons carry current, so
/// σₑ = I_ss·L/(ΔV·A). The steady current is detected with
/// `SteadyStateDetector`: a sulfide's σₑ of 1e-9 S/cm gives nanoamps, so an
/// early reading of the decaying ionic current would overstate σₑ by orders of
/// magnitude.
public struct ElectronicConductivityResult: Sendable, Hashable {
    /// σₑ (S/m); an upper bound when steady state was not reached.
    public var conductivity: Double
    /// I_ss (A) and the detection behind it.
    public var steadyCurrent: Double
    public var steadyState: SteadyState
    /// Inputs: |ΔV| (V), area (m²), thickness (m).
    public var appliedVoltage: Double
    public var area: Double
    public var thickness: Double
}

public enum ElectronicConductivity {
    /// - Parameters:
    ///   - trace: the current during the hold; open-circuit rows before the step are ignored.
    ///   - appliedVoltage: ΔV (V).
    ///   - area: electrode area (m²).
    ///   - thickness: electrolyte thickness (m).
    /// - Returns: σₑ; when the current never met the criterion, the result
    ///   says so (`steadyState.isReached == false`) and σₑ is an upper bound
    ///   from the final window.
    /// - Throws: `AnalysisError` for a bad trace or non-positive geometry or ΔV.
    public static func analyse(_ trace: [TraceSample], appliedVoltage: Double, area: Double, thickness: Double,
                               criterion: SteadyStateCriterion = SteadyStateCriterion()) throws(AnalysisError) -> ElectronicConductivityResult {
        for (field, value, unit) in [("voltage", abs(appliedVoltage), "V"), ("area", area, "m²"), ("thickness", thickness, "m")]
        where !(value.isFinite && value > 0) {
            throw AnalysisError(.invalidParameter, "\(field) \(value) \(unit) must be a positive number", field: field)
        }
        try trace.validateTrace(minimumCount: 3)
        let onset = try trace.polarisationOnset()
        let steady = try SteadyStateDetector.detect(Array(trace[onset...]), criterion: criterion)
        let current = abs(steady.current)
        return ElectronicConductivityResult(
            conductivity: current * thickness / (abs(appliedVoltage) * area), steadyCurrent: current,
            steadyState: steady, appliedVoltage: abs(appliedVoltage), area: area, thickness: thickness)
    }
}
