/// Lawson–Hanson non-negative least squares: minimise ‖A·x − b‖ with x ≥ 0.
///
/// Used to fit relaxation-time ladders, whose resistances must be positive for
/// the time-domain model to stay passive (and so stable).
public enum NonNegativeLeastSquares {
    /// - Returns: the solution and the residual norm.
    public static func solve(_ a: Matrix, _ b: [Double], maxIterations: Int? = nil) -> (x: [Double], residual: Double) {
        precondition(b.count == a.rows)
        let n = a.columns
        let tolerance = 1e-12 * (a.storage.map(abs).max() ?? 1) * Double(max(a.rows, n))
        // Tall problems are first reduced to their n×n triangular factor: the
        // same minimiser, and every inner solve then costs n rows, not m.
        let (r, c, outside) = a.rows > n
            ? HouseholderQR(a, b, pivoting: false).compressed()
            : (a, b, 0)

        func residual(_ x: [Double]) -> [Double] {
            zip(c, r.multiply(x)).map { $0 - $1 }
        }

        var x = Array(repeating: 0.0, count: n)
        var passive = Array(repeating: false, count: n)
        // Candidates whose own coefficient came out non-positive; skipped until x moves.
        var rejected = Array(repeating: false, count: n)
        let limit = maxIterations ?? 3 * n + 30
        for _ in 0..<limit {
            let w = r.transposeMultiply(residual(x))
            var best = -1
            var bestValue = tolerance
            for j in 0..<n where !passive[j] && !rejected[j] && w[j] > bestValue {
                best = j
                bestValue = w[j]
            }
            guard best >= 0 else { break }
            passive[best] = true
            var moved = false
            // Inner loop: solve on the passive set, step back while any goes non-positive.
            for _ in 0...n {
                let indices = (0..<n).filter { passive[$0] }
                let z = LeastSquares.solve(r.selecting(columns: indices), c)
                if z.allSatisfy({ $0 > 0 }) {
                    for (k, j) in indices.enumerated() { x[j] = z[k] }
                    moved = true
                    break
                }
                if !moved, let k = indices.firstIndex(of: best), z[k] <= 0 {
                    // Rounding made a dual-positive column useless; Lawson–Hanson skip it.
                    passive[best] = false
                    rejected[best] = true
                    break
                }
                // Every passive x is > 0 here, so the step is in [0, 1).
                var alpha = 1.0
                var blocking = -1
                for (k, j) in indices.enumerated() where z[k] <= 0 {
                    let t = x[j] / (x[j] - z[k])
                    if t < alpha { alpha = t; blocking = j }
                }
                for (k, j) in indices.enumerated() {
                    x[j] += alpha * (z[k] - x[j])
                    if j == blocking || x[j] <= 0 {
                        x[j] = 0
                        passive[j] = false
                    }
                }
                moved = true
                if !passive.contains(true) { break }
            }
            if moved { rejected = Array(repeating: false, count: n) }
        }
        let rest = residual(x).reduce(0) { $0 + $1 * $1 }
        return (x, (rest + outside * outside).squareRoot())
    }
}
