import Electrochemistry

/// The resistance of a symmetric cell's electrode interfaces (both together),
/// from an equivalent-circuit fit of its spectrum.
///
/// Li|SE|Li shows the electrolyte (bulk and grain-boundary arcs, or only their
/// intercept when they peak above the window), one or two interface arcs, and
/// for t₊ < 1 the onset of salt diffusion (a transmissive Warburg). Three
/// circuits cover these, and the one with the lowest reduced χ² among the fits
/// that converge to finite values wins; a circuit with more elements than the
/// simplest must determine every parameter it adds (each at least twice its
/// standard error), or it only fits the noise: a Warburg added to one
/// interface arc otherwise splits off a few ohms of the arc's low-frequency
/// side within its own error (2.8 ± 1.9 Ω of a 73 Ω arc on Li|Li₆PS₅Cl|Li,
/// where t₊ = 1 and no salt diffuses). Each arc is assigned by its effective
/// capacitance (`SpectrumInterpretation`), and the interfaces' resistance is
/// the sum of the surface-layer and electrode-interface arcs: a grain-boundary
/// arc in the window (a garnet's) stays with the electrolyte.
struct InterfacialResistance {
    /// The circuits tried, simplest first.
    static let circuits = ["R0-p(R1,CPE1)", "R0-p(R1,CPE1)-p(R2,CPE2)", "R0-p(R1,CPE1)-Ws1"]

    var resistance: Double
    /// From the fit's covariance; the arcs' errors added in quadrature when
    /// two arcs are summed. Nil when the fit does not determine it.
    var standardError: Double?
    /// The circuit that won, for the result's note.
    var circuit: String

    init(_ spectrum: SpectrumRecord, geometry: SampleGeometry?) throws {
        let data = try ImpedanceData(frequencies: spectrum.points.map(\.frequency), impedances: spectrum.points.map(\.impedance))
        var best: CircuitFit?
        var failures: [String] = []
        for text in Self.circuits {
            do {
                let fit = try CircuitFitter().fit(data, circuit: try Circuit(text))
                guard fit.converged, fit.parameters.allSatisfy(\.isFinite) else {
                    failures.append("\(text) did not converge")
                    continue
                }
                guard text == Self.circuits[0] || Self.determinesEveryParameter(fit) else {
                    failures.append("\(text) does not determine all its parameters")
                    continue
                }
                if fit.reducedChiSquare < best?.reducedChiSquare ?? .infinity { best = fit }
            } catch {
                failures.append("\(text): \(error)")
            }
        }
        guard let best else {
            throw AnalysisError(.noSignal, "no circuit fits the spectrum of step \(spectrum.step) (" + failures.joined(separator: "; ") + ")",
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

    /// Whether every parameter of the fit lies at least two standard errors from zero.
    static func determinesEveryParameter(_ fit: CircuitFit) -> Bool {
        zip(fit.parameters, fit.standardErrors).allSatisfy { value, error in
            error.map { abs(value) >= 2 * $0 } ?? false
        }
    }
}
