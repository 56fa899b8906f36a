import Electrochemistry

/// The complex nonlinear least-squares fitter the live model refits each
/// spectrum with. The analysis module provides it; the live model only needs
/// this much, so it can be wired in without the live model knowing the fitter.
public protocol CircuitRefitting: Sendable {
    /// Fits `circuit` to `spectrum`, starting from `initial` (the previous
    /// spectrum's parameters: a warm start converges in a few iterations
    /// because the cell changes little between spectra).
    ///
    /// - Throws: whatever the fitter throws when it cannot fit; the tracker
    ///   keeps its previous parameters and reports the error.
    func refit(_ spectrum: ImpedanceMeasurement, circuit: Circuit, initial: [Double]) throws -> CircuitRefit
}

/// A refit's parameters in the circuit's order, with standard errors when
/// the fitter can tell them (Cramér–Rao: some parameters are not determined).
public struct CircuitRefit: Sendable, Hashable {
    public var parameters: [Double]
    public var standardErrors: [Double]?

    public init(parameters: [Double], standardErrors: [Double]?) {
        self.parameters = parameters
        self.standardErrors = standardErrors
    }
}
