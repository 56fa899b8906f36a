import Electrochemistry

extension ElectrochemistryAnalyses {
    /// σₑ from the last electronic polarisation, judged steady by the
    /// protocol's own criterion.
    func electronicConductivity(_ request: AnalysisRequest) throws -> AnalysisResult {
        let record = try Self.lastPolarisation(.electronic, in: request)
        let (thickness, area) = try Self.geometry(of: request.cell)
        let result = try ElectronicConductivity.analyse(record.trace, appliedVoltage: record.voltage, area: area, thickness: thickness,
                                                        criterion: record.criterion)
        let note = "σe = I_ss·L/(ΔV·A) over \(rounded(thickness * 1e6)) µm and \(rounded(area * 1e4, places: 3)) cm²"
        let warnings = result.steadyState.isReached ? [] : ["the current never met the steady criterion, so σe is an upper bound"]
        return AnalysisResult(kind: .electronic, values: [
            .init(name: "σe", value: result.conductivity, unit: "S/m"),
            .init(name: "I_ss", value: result.steadyCurrent, unit: "A"),
            .init(name: "ΔV", value: result.appliedVoltage, unit: "V"),
            .init(name: "final drift per window", value: result.steadyState.finalRelativeDrift, unit: "1"),
        ], note: note, warnings: warnings)
    }

    /// t₊ (Bruce–Vincent–Evans) from the last transference polarisation and
    /// the interfacial resistances fitted to its spectra before and after the
    /// hold (`InterfacialResistance`).
    ///
    /// I₀ is extrapolated against √t from the first seconds of the hold: past
    /// the double layers' charging (1 s), over at least 10 s and five samples
    /// (the first sample's time is the sampling interval), well inside the
    /// salt's diffusion time L²/D (minutes to hours), where the concentration
    /// overpotential grows as √t. A single early sample would do for cells
    /// whose interfaces are small, but with interfaces many times the bulk
    /// (polymers) t₊ is that many times as sensitive to I₀.
    func transference(_ request: AnalysisRequest) throws -> AnalysisResult {
        let record = try Self.lastPolarisation(.transference, in: request)
        guard let before = record.before, let after = record.after else {
            throw AnalysisError(.noSignal, "the transference polarisation of step \(record.step) has no EIS before and after; "
                                    + "give the dc_polarisation an eis: block", field: "eis")
        }
        let geometry = Self.sampleGeometry(of: request.cell)
        let r0 = try InterfacialResistance(before, geometry: geometry)
        let rs = try InterfacialResistance(after, geometry: geometry)
        let reading = Self.initialCurrentReading(firstSampleTime: record.time.first ?? 1)
        let result = try BruceVincent.analyse(record.trace, appliedVoltage: record.voltage,
                                              initialInterfacialResistance: r0.resistance, steadyInterfacialResistance: rs.resistance,
                                              initialResistanceError: r0.standardError ?? 0, steadyResistanceError: rs.standardError ?? 0,
                                              initialCurrentReading: reading, criterion: record.criterion)
        let note = "t+ = Is(ΔV − I0·R0)/(I0(ΔV − Is·Rs)); I0 extrapolated against √t; R0 and Rs: interface arcs of "
            + "\(r0.circuit) and \(rs.circuit) fitted to the spectra before and after"
        var warnings = result.warnings
        let change = rs.resistance / r0.resistance - 1
        if abs(change) > 0.1 {
            // The correction assumes each resistance holds while its current is read; a drifting one does not.
            warnings.append("the interfaces changed by \(rounded(change * 100)) % during the hold, so they were not stable "
                + "and t₊ is less certain than its inputs (rest the cell longer at temperature first)")
        }
        return AnalysisResult(kind: .transference, values: [
            .init(name: "t+", value: result.transferenceNumber, unit: "1", standardError: result.standardError),
            .init(name: "I0", value: result.initialCurrent, unit: "A"),
            .init(name: "Is", value: result.steadyCurrent, unit: "A"),
            .init(name: "R0", value: r0.resistance, unit: "Ω", standardError: r0.standardError),
            .init(name: "Rs", value: rs.resistance, unit: "Ω", standardError: rs.standardError),
            .init(name: "ΔV", value: result.appliedVoltage, unit: "V"),
            .init(name: "Is/I0 uncorrected", value: result.uncorrectedRatio, unit: "1"),
        ], note: note, warnings: warnings)
    }

    /// How the run reads I₀ (see `transference`), given when the hold's first
    /// sample came: `analyze transference --run` reads it the same way.
    public static func initialCurrentReading(firstSampleTime interval: Double) -> InitialCurrentReading {
        .squareRootExtrapolation(window: 1...max(10, 1 + 5 * interval))
    }

    static func lastPolarisation(_ mode: Polarisation.Mode, in request: AnalysisRequest) throws(AnalysisError) -> PolarisationRecord {
        guard let record = request.polarisations.last(where: { $0.mode == mode }) else {
            throw AnalysisError(.noSignal, "the job has run no \(mode.rawValue) polarisation (dc_polarisation with mode: \(mode.rawValue))",
                                field: "mode")
        }
        return record
    }
}

extension PolarisationRecord {
    /// The hold as an analysis trace (ΔV as the voltage).
    var trace: [TraceSample] {
        zip(time, current).map { TraceSample(time: $0, voltage: voltage, current: $1) }
    }

    /// The protocol's steady-state criterion, for the detector.
    var criterion: SteadyStateCriterion {
        SteadyStateCriterion(window: steadyWindow, relativeDriftTolerance: steadyChange)
    }
}
