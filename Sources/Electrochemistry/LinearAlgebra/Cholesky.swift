/// Cholesky factorisation of a small symmetric positive-definite matrix.
///
/// Levenberg–Marquardt solves one damped normal-equation system per trial
/// step with a dozen unknowns; Cholesky does that in n³/6 flops and reports
/// a matrix that is not positive definite, which tells the fitter to damp more.
struct Cholesky {
    let n: Int
    /// Row-major lower triangle L with A = L·Lᵀ.
    private var l: [Double]

    /// Factorises the n×n row-major `a`; nil if it is not numerically positive definite.
    init?(_ a: [Double], n: Int) {
        self.n = n
        var l = Array(repeating: 0.0, count: n * n)
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > 0, d.isFinite else { return nil }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        self.l = l
    }

    /// x with A·x = b.
    func solve(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k * n + i] * y[k] }
            y[i] = s / l[i * n + i]
        }
        return y
    }

    /// A⁻¹, row-major.
    func inverse() -> [Double] {
        var result = Array(repeating: 0.0, count: n * n)
        var unit = Array(repeating: 0.0, count: n)
        for j in 0..<n {
            unit[j] = 1
            let column = solve(unit)
            unit[j] = 0
            for i in 0..<n { result[i * n + j] = column[i] }
        }
        return result
    }
}
