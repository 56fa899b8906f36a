import Electrochemistry

/// The resistance of a symmetric cell's electrode interfaces (both together),
/// from an equivalent-circuit fit of its spectrum.
///
/// Li|SE|Li shows the electrolyte, one or two interface arcs and for t₊ < 1
/// the onset of salt diffusion; `BestCircuitFit` picks among circuits for
/// these. Its rule against undetermined parameters matters here: a Warburg
/// added to one interface arc otherwise splits off a few ohms of the arc's
/// low-frequency side within its own error (2.8 ± 1.9 Ω of a 73 Ω arc on
/// Li|Li₆PS₅Cl|Li, where t₊ = 1 and no salt diffuses). Each arc is assigned
/// by its effective capacitance (`SpectrumInterpretation`), and the
/// interfaces' resistance is the sum of the surface-layer and
/// electrode-interface arcs: a grain-boundary arc in the window (a garnet's)
/// stays with the electrolyte.
struct InterfacialResistance {
    var resistance: Double
    /// From the fit's covariance; the arcs' errors added in quadrature when
    /// two arcs are summed. Nil when the fit does not determine it.
    var standardError: Double?
    /// The circuit that won, for the result's note.
    var circuit: String

    init(_ spectrum: SpectrumRecord, geometry: SampleGeometry?) throws {
        let data = try ImpedanceData(frequencies: spectrum.points.map(\.frequency), impedances: spectrum.points.map(\.impedance))
        let choice = BestCircuitFit(data)
        guard let best = choice.fit else {
            throw AnalysisError(.noSignal, "no circuit fits the spectrum of step \(spectrum.step) (" + choice.failures.joined(separator: "; ") + ")",
                                field: "impedance")
        }
        let interfaces = SpectrumInterpretation(best, geometry: geometry).arcs.filter { $0.origin == .surfaceLayer || $0.origin == .electrodeInterface }
        guard !interfaces.isEmpty else {
            throw AnalysisError(.noSignal, "the fit \(best.circuit) of the spectrum of step \(spectrum.step) has no arc with an interface's capacitance "
                                    + "(1e-9 to 3e-5 F per cm⁻¹ of cell constant)", field: "impedance")
        }
        resistance = interfaces.map(\.resistance).reduce(0, +)
        let errors = interfaces.map { best.standardError($0.resistanceName) }
        standardError = errors.contains(nil) ? nil : errors.compactMap { $0 }.map { $0 * $0 }.reduce(0, +).squareRoot()
        circuit = "\(best.circuit)"
    }
}
