import Electrochemistry

/// The best of a few equivalent circuits for a spectrum, picked as the
/// daemon's analyses pick it: the lowest reduced χ² among the fits that
/// converge to finite values, where a circuit with more elements than the
/// simplest must determine every parameter it adds (each at least twice its
/// standard error), or it only fits the noise.
///
/// A solid-state cell shows the electrolyte (bulk and grain-boundary arcs,
/// or only their intercept when they peak above the window), one or two
/// interface arcs, and for t₊ < 1 the onset of salt diffusion (a
/// transmissive Warburg); the three default circuits cover these.
public struct BestCircuitFit: Sendable {
    /// The circuits tried, simplest first.
    public static let circuits = ["R0-p(R1,CPE1)", "R0-p(R1,CPE1)-p(R2,CPE2)", "R0-p(R1,CPE1)-Ws1"]

    /// The winner; nil when no circuit qualifies.
    public let fit: CircuitFit?
    /// Why each circuit that lost was left out.
    public let failures: [String]

    public init(_ data: ImpedanceData, circuits: [String] = Self.circuits) {
        var best: CircuitFit?
        var failures: [String] = []
        for text in circuits {
            do {
                let fit = try CircuitFitter().fit(data, circuit: try Circuit(text))
                guard fit.converged, fit.parameters.allSatisfy(\.isFinite) else {
                    failures.append("\(text) did not converge")
                    continue
                }
                guard text == circuits.first || Self.determinesEveryParameter(fit) else {
                    failures.append("\(text) does not determine all its parameters")
                    continue
                }
                if fit.reducedChiSquare < best?.reducedChiSquare ?? .infinity { best = fit }
            } catch {
                failures.append("\(text): \(error)")
            }
        }
        fit = best
        self.failures = failures
    }

    /// Whether every parameter of the fit lies at least two standard errors from zero.
    static func determinesEveryParameter(_ fit: CircuitFit) -> Bool {
        zip(fit.parameters, fit.standardErrors).allSatisfy { value, error in
            error.map { abs(value) >= 2 * $0 } ?? false
        }
    }
}
