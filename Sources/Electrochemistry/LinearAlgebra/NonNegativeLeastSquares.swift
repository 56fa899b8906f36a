/// Lawson–Hanson non-negative least squares: minimise ‖A·x − b‖ with x ≥ 0.
///
/// Used to fit relaxation-time ladders, whose resistances must be positive for
/// the time-domain model to stay passive (and so stable).
public enum NonNegativeLeastSquares {
    /// - Returns: the solution and the residual norm.
    public static func solve(_ a: Matrix, _ b: [Double], maxIterations: Int? = nil) -> (x: [Double], residual: Double) {
        let n = a.columns
        var x = Array(repeating: 0.0, count: n)
        var passive = Array(repeating: false, count: n)
        let limit = maxIterations ?? 3 * n + 30
        let tolerance = 1e-12 * (a.storage.map(abs).max() ?? 1) * Double(max(a.rows, n))

        func residual(_ x: [Double]) -> [Double] {
            let ax = a.multiply(x)
            return zip(b, ax).map { $0 - $1 }
        }

        for _ in 0..<limit {
            let w = a.transposeMultiply(residual(x))
            var best = -1
            var bestValue = tolerance
            for j in 0..<n where !passive[j] && w[j] > bestValue {
                best = j
                bestValue = w[j]
            }
            guard best >= 0 else { break }
            passive[best] = true
            // Inner loop: solve on the passive set, step back while any goes negative.
            for _ in 0..<(n + 1) {
                let indices = (0..<n).filter { passive[$0] }
                let z = LeastSquares.solve(a.selecting(columns: indices), b)
                if z.allSatisfy({ $0 > 0 }) {
                    for (k, j) in indices.enumerated() { x[j] = z[k] }
                    break
                }
                var alpha = Double.infinity
                for (k, j) in indices.enumerated() where z[k] <= 0 {
                    alpha = min(alpha, x[j] / (x[j] - z[k]))
                }
                for (k, j) in indices.enumerated() {
                    x[j] += alpha * (z[k] - x[j])
                    if x[j] <= tolerance * 1e-3 {
                        x[j] = 0
                        passive[j] = false
                    }
                }
                if !passive.contains(true) { break }
            }
        }
        let r = residual(x)
        return (x, r.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }
}
