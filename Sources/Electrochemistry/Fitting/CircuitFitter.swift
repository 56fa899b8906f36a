import Numerics

/// Fits equivalent circuits to impedance spectra by complex nonlinear least
/// squares (Levenberg–Marquardt in bounded, transformed variables).
///
/// Arcs that can swap places (`p(R1,CPE1)` and `p(R2,CPE2)`) come back
/// ordered from fastest to slowest, so names mean the same arc in every fit.
///
/// Three ways in: no guess (starting points are read from the spectrum and a
/// few are tried), an explicit guess, or a previous fit. The last is how
/// cyclerd refits every spectrum of a long run as it arrives: consecutive
/// spectra differ little, so the previous minimum is a start a few iterations
/// from the new one.
public struct CircuitFitter: Sendable {
    public var weighting: FitWeighting
    /// Per-parameter bounds by impedance.py name (`R0`, `CPE1_1`, …); others
    /// get their role's default (positive; exponents in (0, 1]).
    public var bounds: [String: ParameterBounds]
    /// Levenberg–Marquardt iteration cap per start.
    public var maxIterations: Int
    /// Iterations each of several starts gets before the best is finished.
    static let trialIterations = 30

    public init(weighting: FitWeighting = .modulus, bounds: [String: ParameterBounds] = [:], maxIterations: Int = 200) {
        self.weighting = weighting
        self.bounds = bounds
        self.maxIterations = maxIterations
    }

    /// Fits `circuit` with starting points read from the spectrum.
    ///
    /// - Throws: `CircuitFitError` if the spectrum has fewer residuals than the
    ///   circuit has parameters, the bounds name unknown parameters, or every
    ///   start fails.
    public func fit(_ data: ImpedanceData, circuit: Circuit) throws(CircuitFitError) -> CircuitFit {
        let problem = try problem(data, circuit)
        let starts = InitialGuess.starts(for: circuit, data: data)
        return try best(of: starts, problem: problem, data: data)
    }

    /// Fits `circuit` from the parameter values `guess` (impedance.py order).
    public func fit(_ data: ImpedanceData, circuit: Circuit, initialGuess guess: [Double]) throws(CircuitFitError) -> CircuitFit {
        let problem = try problem(data, circuit)
        try check(guess, against: problem)
        return try best(of: [guess], problem: problem, data: data)
    }

    /// Fits `previous.circuit` starting from `previous`'s parameters.
    ///
    /// When the spectrum has changed beyond what the previous minimum can
    /// follow (its fit ends with a reduced χ² ten times the previous one, does
    /// not converge, or moves a parameter by three decades or more), the
    /// spectrum's own starting points are tried too and the best fit wins, so
    /// a sudden change (a short, a contact loss) does not trap the run in a
    /// stale minimum. The last catches a parameter that collapsed towards
    /// zero during the fit (an inductance falling to 10⁻¹⁸ H): in log
    /// variables its gradient vanishes as it falls, so it never comes back,
    /// and the χ² it leaves is only a few per cent worse than the true minimum.
    public func fit(_ data: ImpedanceData, startingFrom previous: CircuitFit) throws(CircuitFitError) -> CircuitFit {
        let problem = try problem(data, previous.circuit)
        let guess = zip(previous.parameters, problem.bounds).map { value, bounds in
            bounds.contains(value) ? value : bounds.lower.isFinite && bounds.upper.isFinite
                ? (bounds.lower + bounds.upper) / 2 : max(value, 1e-12)
        }
        let warm = try? best(of: [guess], problem: problem, data: data)
        if let warm, warm.converged, warm.reducedChiSquare <= 10 * max(previous.reducedChiSquare, 1e-12),
           !Self.leftItsStart(warm, from: guess) {
            return warm
        }
        let cold = try best(of: InitialGuess.starts(for: previous.circuit, data: data), problem: problem, data: data)
        guard let warm else { return cold }
        return warm.chiSquare <= cold.chiSquare ? warm : cold
    }

    /// Whether a warm fit moved any parameter by a factor of 1000 or more
    /// from where it started: consecutive spectra of a run differ little, so
    /// the warm start's premise did not hold.
    static func leftItsStart(_ fit: CircuitFit, from start: [Double]) -> Bool {
        zip(fit.parameters, start).contains { value, begin in
            value > 0 && begin > 0 && abs(Double.log10(value / begin)) >= 3
        }
    }

    private func problem(_ data: ImpedanceData, _ circuit: Circuit) throws(CircuitFitError) -> CircuitFitProblem {
        let names = circuit.parameterNames
        guard 2 * data.count > names.count else {
            throw CircuitFitError(code: .tooFewPoints, message:
                "\(data.count) points give \(2 * data.count) residuals, but \(circuit) has \(names.count) parameters; measure more frequencies or fit a smaller circuit")
        }
        if let unknown = bounds.keys.sorted().first(where: { !names.contains($0) }) {
            throw CircuitFitError(code: .invalidBounds, message:
                "bounds for '\(unknown)', which \(circuit) does not have; its parameters are \(names.joined(separator: ", "))")
        }
        let parameterBounds = zip(names, circuit.parameterInfo).map { name, info in
            bounds[name] ?? .default(for: info.role)
        }
        return CircuitFitProblem(circuit: circuit, data: data, weighting: weighting, bounds: parameterBounds)
    }

    private func check(_ guess: [Double], against problem: CircuitFitProblem) throws(CircuitFitError) {
        let names = problem.circuit.parameterNames
        guard guess.count == names.count else {
            throw CircuitFitError(code: .invalidStart, message:
                "\(guess.count) starting values for \(problem.circuit), which has \(names.count) parameters (\(names.joined(separator: ", ")))")
        }
        for (k, value) in guess.enumerated() where !problem.bounds[k].contains(value) {
            throw CircuitFitError(code: .invalidStart, message:
                "\(names[k]) = \(value) starts outside its bounds \(problem.bounds[k])")
        }
    }

    /// Runs Levenberg–Marquardt from each start and keeps the lowest χ².
    ///
    /// With several starts each first gets a short budget; only the best is
    /// then run to convergence. A start headed for a poor minimum is dropped
    /// after a few dozen iterations instead of costing the full cap, which is
    /// what keeps a no-guess fit within a few milliseconds.
    private func best(of starts: [[Double]], problem: CircuitFitProblem, data: ImpedanceData) throws(CircuitFitError) -> CircuitFit {
        let trial = LevenbergMarquardt(maxIterations: starts.count > 1 ? min(Self.trialIterations, maxIterations) : maxIterations)
        var winner: LevenbergMarquardt.Outcome?
        for start in starts {
            let outcome = trial.minimize(problem, from: problem.variables(start))
            guard outcome.sumOfSquares.isFinite else { continue }
            if winner.map({ outcome.sumOfSquares < $0.sumOfSquares }) ?? true { winner = outcome }
        }
        if let unfinished = winner, !unfinished.converged, trial.maxIterations < maxIterations {
            var finished = LevenbergMarquardt(maxIterations: maxIterations - trial.maxIterations)
                .minimize(problem, from: unfinished.variables)
            finished.iterations += unfinished.iterations
            if finished.sumOfSquares <= unfinished.sumOfSquares { winner = finished }
        }
        guard let winner else {
            throw CircuitFitError(code: .noConvergence, message:
                "every starting point for \(problem.circuit) gave non-finite impedances; give an initial guess or check the spectrum")
        }
        return CircuitFit(problem: problem, data: data, weighting: weighting, outcome: winner).orderingArcsByTimeConstant()
    }
}
