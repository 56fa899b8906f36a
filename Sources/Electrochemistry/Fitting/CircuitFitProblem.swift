import Numerics

/// Complex nonlinear least squares for one circuit and one spectrum, in the
/// transformed variables `ParameterBounds` defines.
///
/// Residuals are stacked real parts then imaginary parts, each divided by the
/// weighting's scale for that point.
struct CircuitFitProblem: LeastSquaresProblem {
    let circuit: Circuit
    let omegas: [Double]
    let measured: [Complex<Double>]
    /// 1/scale for the real and imaginary residual of each point.
    let realWeights: [Double]
    let imaginaryWeights: [Double]
    let bounds: [ParameterBounds]

    init(circuit: Circuit, data: ImpedanceData, weighting: FitWeighting, bounds: [ParameterBounds]) {
        self.circuit = circuit
        omegas = data.angularFrequencies
        measured = data.impedances
        var re: [Double] = [], im: [Double] = []
        for z in data.impedances {
            let s = weighting.scales(for: z)
            re.append(s.real > 0 ? 1 / s.real : 0)
            im.append(s.imaginary > 0 ? 1 / s.imaginary : 0)
        }
        realWeights = re
        imaginaryWeights = im
        self.bounds = bounds
    }

    var residualCount: Int { 2 * omegas.count }
    var variableCount: Int { bounds.count }

    /// Circuit parameters for the variables `u`.
    func parameters(_ u: [Double]) -> [Double] {
        zip(bounds, u).map { $0.value($1).p }
    }

    /// Variables for the circuit parameters `p`.
    func variables(_ p: [Double]) -> [Double] {
        zip(bounds, p).map { $0.variable($1) }
    }

    func residuals(_ u: [Double], into r: inout [Double]) -> Double {
        let p = parameters(u)
        let count = omegas.count
        var sum = 0.0
        for k in 0..<count {
            let d = circuit.impedance(omega: omegas[k], parameters: p) - measured[k]
            let a = d.real * realWeights[k], b = d.imaginary * imaginaryWeights[k]
            r[k] = a
            r[count + k] = b
            sum += a * a + b * b
        }
        return sum.isNaN ? .infinity : sum
    }

    func residualsAndJacobian(_ u: [Double], residuals r: inout [Double], jacobian: inout [Double]) -> Double {
        let n = bounds.count, count = omegas.count
        var p = Array(repeating: 0.0, count: n), slopes = Array(repeating: 0.0, count: n)
        for j in 0..<n { (p[j], slopes[j]) = bounds[j].value(u[j]) }
        var sum = 0.0
        withUnsafeTemporaryAllocation(of: Complex<Double>.self, capacity: max(n, 1)) { gradient in
            let g = gradient.baseAddress!
            for k in 0..<count {
                let z = circuit.impedanceAndGradient(omega: omegas[k], parameters: p, gradient: g)
                let d = z - measured[k]
                let wr = realWeights[k], wi = imaginaryWeights[k]
                let a = d.real * wr, b = d.imaginary * wi
                r[k] = a
                r[count + k] = b
                sum += a * a + b * b
                let realRow = k * n, imaginaryRow = (count + k) * n
                for j in 0..<n {
                    jacobian[realRow + j] = g[j].real * wr * slopes[j]
                    jacobian[imaginaryRow + j] = g[j].imaginary * wi * slopes[j]
                }
            }
        }
        return sum.isNaN ? .infinity : sum
    }
}
