/// A nonlinear least-squares problem: residuals r(u) and their Jacobian.
protocol LeastSquaresProblem {
    /// Number of residuals m.
    var residualCount: Int { get }
    /// Number of variables n.
    var variableCount: Int { get }
    /// Writes r(u) and returns Σr²; non-finite when u is outside the model's domain.
    func residuals(_ u: [Double], into r: inout [Double]) -> Double
    /// Writes r(u) and the row-major m×n Jacobian ∂r/∂u; returns Σr².
    func residualsAndJacobian(_ u: [Double], residuals r: inout [Double], jacobian: inout [Double]) -> Double
}

/// Levenberg–Marquardt with Marquardt's diagonal scaling and Nielsen's
/// damping update.
///
/// Each step solves (JᵀJ + λ·D)·δ = −Jᵀr by Cholesky; D is the largest
/// diagonal of JᵀJ seen so far (Moré), so a parameter whose sensitivity
/// vanishes on the way keeps its damping. Nielsen's update shrinks λ smoothly
/// after good steps and doubles its growth after each bad one, which needs
/// fewer Jacobians than the classic ×10/÷10 on the stiff problems nested arcs
/// make.
struct LevenbergMarquardt {
    /// Iteration cap: Jacobian evaluations.
    var maxIterations = 200
    /// Stop when a step changes χ² by less than this fraction.
    var relativeTolerance = 1e-10

    struct Outcome {
        var variables: [Double]
        var sumOfSquares: Double
        /// Row-major Jacobian at `variables`.
        var jacobian: [Double]
        var iterations: Int
        var converged: Bool
    }

    func minimize<Problem: LeastSquaresProblem>(_ problem: Problem, from start: [Double]) -> Outcome {
        let m = problem.residualCount, n = problem.variableCount
        var u = start
        var r = Array(repeating: 0.0, count: m)
        var jacobian = Array(repeating: 0.0, count: m * n)
        var cost = problem.residualsAndJacobian(u, residuals: &r, jacobian: &jacobian)
        guard cost.isFinite else {
            return Outcome(variables: u, sumOfSquares: cost, jacobian: jacobian, iterations: 0, converged: false)
        }
        var normal = Array(repeating: 0.0, count: n * n), gradient = Array(repeating: 0.0, count: n)
        var scaling = Array(repeating: 0.0, count: n)
        var trial = u, trialResiduals = r
        var lambda = -1.0, growth = 2.0
        var iterations = 0, converged = false
        var smallChanges = 0

        func formNormalEquations() {
            // Raw pointers: this O(m·n²) loop is the fitter's hottest, and
            // array accesses through a closure's captures are not hoisted.
            normal.withUnsafeMutableBufferPointer { a in
                gradient.withUnsafeMutableBufferPointer { g in
                    jacobian.withUnsafeBufferPointer { j in
                        r.withUnsafeBufferPointer { residual in
                            for i in 0..<(n * n) { a[i] = 0 }
                            for i in 0..<n { g[i] = 0 }
                            for row in 0..<m {
                                let base = row * n, ri = residual[row]
                                for i in 0..<n {
                                    let ji = j[base + i]
                                    g[i] += ji * ri
                                    let target = i * n
                                    for k in i..<n { a[target + k] += ji * j[base + k] }
                                }
                            }
                            for i in 0..<n {
                                for k in 0..<i { a[i * n + k] = a[k * n + i] }
                            }
                        }
                    }
                }
            }
            for i in 0..<n { scaling[i] = max(scaling[i], normal[i * n + i], 1e-30) }
        }

        formNormalEquations()
        if lambda < 0 { lambda = 1e-3 * (scaling.max() ?? 1) }
        outer: while iterations < maxIterations {
            iterations += 1
            // Inner loop: raise λ until a step lowers χ².
            while true {
                var damped = normal
                for i in 0..<n { damped[i * n + i] += lambda * scaling[i] }
                guard let factor = Cholesky(damped, n: n) else {
                    lambda *= growth
                    growth *= 2
                    if lambda > 1e30 { break outer }
                    continue
                }
                let step = factor.solve(gradient.map { -$0 })
                var stepNorm = 0.0, variableNorm = 0.0
                for i in 0..<n {
                    trial[i] = u[i] + step[i]
                    stepNorm += step[i] * step[i]
                    variableNorm += u[i] * u[i]
                }
                let trialCost = problem.residuals(trial, into: &trialResiduals)
                // Predicted reduction of the linear model: δᵀ(λDδ − g).
                var predicted = 0.0
                for i in 0..<n { predicted += step[i] * (lambda * scaling[i] * step[i] - gradient[i]) }
                let rho = trialCost.isFinite && predicted > 0 ? (cost - trialCost) / predicted : -1
                if rho > 0 {
                    let change = (cost - trialCost) / max(cost, .leastNormalMagnitude)
                    u = trial
                    cost = problem.residualsAndJacobian(u, residuals: &r, jacobian: &jacobian)
                    let shrink = 1 - Double.pow2(2 * rho - 1, 3)
                    lambda *= max(1.0 / 3.0, shrink)
                    growth = 2
                    formNormalEquations()
                    if change < relativeTolerance { smallChanges += 1 } else { smallChanges = 0 }
                    if smallChanges >= 2 || stepNorm <= 1e-20 * (variableNorm + 1e-20) || cost == 0 {
                        converged = true
                        break outer
                    }
                    break
                }
                lambda *= growth
                growth *= 2
                // No step lowers χ² any more: a minimum to working precision.
                if lambda > 1e16 * (scaling.max() ?? 1) || stepNorm <= 1e-24 * (variableNorm + 1e-24) {
                    converged = true
                    break outer
                }
            }
        }
        return Outcome(variables: u, sumOfSquares: cost, jacobian: jacobian,
                       iterations: iterations, converged: converged)
    }
}

extension Double {
    /// xᵏ for a small integer k without a libm call.
    fileprivate static func pow2(_ x: Double, _ k: Int) -> Double {
        var result = 1.0
        for _ in 0..<k { result *= x }
        return result
    }
}
