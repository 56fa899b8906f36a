import Numerics

/// The result of fitting a circuit to a spectrum.
///
/// Standard errors come from the covariance s²·(JᵀJ)⁻¹ at the minimum, with
/// s² = χ²/(2N − P), computed in relative units so a resistance of 1e6 Ω and
/// an exponent of 0.9 are equally well conditioned. They are nil when the
/// spectrum does not determine the parameters (a singular JᵀJ): the honest
/// answer the Cramér–Rao bound gives for, say, R0 under an arc above the window.
public struct CircuitFit: Sendable, Hashable {
    public let circuit: Circuit
    /// Fitted values in `circuit.parameterNames` order (SI units).
    public let parameters: [Double]
    /// One standard error per parameter, nil where undetermined.
    public let standardErrors: [Double?]
    /// Correlation matrix, P×P, nil where the parameters are undetermined.
    public let correlation: Matrix?
    /// Σ of squared weighted residuals.
    public let chiSquare: Double
    /// χ²/(2N − P): about the squared relative noise for modulus weighting.
    public let reducedChiSquare: Double
    /// Model minus measured impedance (Ω), one per data point in data order.
    public let residuals: [Complex<Double>]
    public let weighting: FitWeighting
    /// Levenberg–Marquardt iterations of the winning start.
    public let iterations: Int
    /// Whether the winning start met the convergence test before the iteration cap.
    public let converged: Bool
    /// Names of the parameters that ended on a bound: a finite one (a CPE
    /// exponent at 1), or zero for a positive one that fell until it no
    /// longer affects the model. The minimum lies outside the range, so
    /// neither the value nor a standard error from the curvature there means
    /// what it says.
    public let parametersOnBounds: [String]

    /// Whether the fit converged inside its bounds, so its standard errors can be believed.
    public var isTrustworthy: Bool { converged && parametersOnBounds.isEmpty }

    /// impedance.py's names: `R0`, `CPE1_0`, `CPE1_1`, `Wo1_0`, ….
    public var parameterNames: [String] { circuit.parameterNames }

    /// The fitted value of the parameter called `name`.
    public func value(_ name: String) -> Double? {
        parameterNames.firstIndex(of: name).map { parameters[$0] }
    }

    /// The standard error of the parameter called `name`.
    public func standardError(_ name: String) -> Double? {
        parameterNames.firstIndex(of: name).flatMap { standardErrors[$0] }
    }
}

extension CircuitFit {
    /// Squared norm of a parameter's column of ∂r/∂ln p, relative to the
    /// largest, below which it has fallen to zero: a millionth in norm, where
    /// a real element still changes the model (a 0.1 µH fixture inductance at
    /// 1 MHz moves |Z| of a 100 Ω cell by a few per cent).
    static let vanishingInfluence = 1e-12

    /// Builds the result from a minimiser outcome.
    init(problem: CircuitFitProblem, data: ImpedanceData, weighting: FitWeighting,
         outcome: LevenbergMarquardt.Outcome) {
        let n = problem.variableCount, m = problem.residualCount
        let p = problem.parameters(outcome.variables)
        circuit = problem.circuit
        parameters = p
        chiSquare = outcome.sumOfSquares
        let dof = max(m - n, 1)
        reducedChiSquare = outcome.sumOfSquares / Double(dof)
        residuals = data.frequencies.indices.map { k in
            problem.circuit.impedance(omega: problem.omegas[k], parameters: p) - data.impedances[k]
        }
        self.weighting = weighting
        iterations = outcome.iterations
        converged = outcome.converged
        // A positive parameter has no finite bound to sit on, but it can fall
        // towards zero until it no longer moves the model (an inductance of
        // 10⁻¹⁸ H): its column of ∂r/∂ln p is then negligible beside the others.
        var influence = Array(repeating: 0.0, count: n)
        for row in 0..<m {
            for j in 0..<n { influence[j] += outcome.jacobian[row * n + j] * outcome.jacobian[row * n + j] }
        }
        let strongest = influence.max() ?? 0
        parametersOnBounds = problem.circuit.parameterNames.indices
            .filter { j in
                problem.bounds[j].isOnBound(outcome.variables[j])
                    || (problem.bounds[j] == .positive && influence[j] <= Self.vanishingInfluence * strongest)
            }
            .map { problem.circuit.parameterNames[$0] }

        // Jacobian in relative units: ∂r/∂ln p for positive parameters, ∂r/∂p otherwise.
        let units = (0..<n).map { j in
            problem.bounds[j].lower >= 0 && p[j] > 0 && problem.bounds[j] != .exponent ? p[j] : 1
        }
        var scale = Array(repeating: 1.0, count: n)
        for j in 0..<n {
            let slope = problem.bounds[j].value(outcome.variables[j]).slope
            scale[j] = slope != 0 ? units[j] / slope : 0
        }
        var normal = Array(repeating: 0.0, count: n * n)
        for row in 0..<m {
            let base = row * n
            for i in 0..<n {
                let ji = outcome.jacobian[base + i] * scale[i]
                if ji == 0 { continue }
                for j in i..<n { normal[i * n + j] += ji * outcome.jacobian[base + j] * scale[j] }
            }
        }
        for i in 0..<n { for j in 0..<i { normal[i * n + j] = normal[j * n + i] } }
        let covarianceFactor = Cholesky(normal, n: n)
        guard let covarianceFactor, scale.allSatisfy({ $0 != 0 && $0.isFinite }) else {
            standardErrors = Array(repeating: nil, count: n)
            correlation = nil
            return
        }
        let inverse = covarianceFactor.inverse()
        let s2 = reducedChiSquare
        var errors: [Double?] = []
        var correlation = Matrix(rows: n, columns: n)
        for i in 0..<n {
            let variance = inverse[i * n + i] * s2
            errors.append(variance.isFinite && variance >= 0 ? variance.squareRoot() * units[i] : nil)
            for j in 0..<n {
                correlation[i, j] = inverse[i * n + j] / (inverse[i * n + i] * inverse[j * n + j]).squareRoot()
            }
        }
        standardErrors = errors
        self.correlation = correlation
    }
}
