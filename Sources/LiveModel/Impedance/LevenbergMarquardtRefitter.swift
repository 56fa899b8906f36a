import Electrochemistry

/// The live model's refits through `CircuitFitter`: each spectrum starts from
/// the last one's parameters, and a cold start (guesses read off the spectrum)
/// begins a series when no previous parameters exist.
public struct LevenbergMarquardtRefitter: CircuitRefitting {
    public let fitter: CircuitFitter

    public init(fitter: CircuitFitter = CircuitFitter()) {
        self.fitter = fitter
    }

    public func refit(_ spectrum: ImpedanceMeasurement, circuit: Circuit, initial: [Double]) throws -> CircuitRefit {
        let fit = try fitter.fit(try Self.data(spectrum), circuit: circuit, initialGuess: initial)
        return CircuitRefit(fit)
    }

    /// Fits `circuit` with no previous parameters: the first spectrum of a series.
    public func coldFit(_ spectrum: ImpedanceMeasurement, circuit: Circuit) throws -> CircuitRefit {
        CircuitRefit(try fitter.fit(try Self.data(spectrum), circuit: circuit))
    }

    private static func data(_ spectrum: ImpedanceMeasurement) throws -> ImpedanceData {
        try ImpedanceData(frequencies: spectrum.frequencies, impedances: spectrum.impedance)
    }
}

extension CircuitRefit {
    init(_ fit: CircuitFit) {
        let errors = fit.standardErrors.allSatisfy { $0 != nil } ? fit.standardErrors.map { $0 ?? .nan } : nil
        self.init(parameters: fit.parameters, standardErrors: errors)
    }
}
