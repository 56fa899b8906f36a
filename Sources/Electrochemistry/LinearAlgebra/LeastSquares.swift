import Foundation

/// Linear least squares by Householder QR.
public enum LeastSquares {
    /// Minimises ‖A·x − b‖₂.
    ///
    /// Columns whose pivot falls below `rank tolerance × largest pivot` are
    /// treated as dependent and get 0, so an ill-posed problem gives a finite
    /// minimum-effort answer rather than NaN.
    public static func solve(_ a: Matrix, _ b: [Double]) -> [Double] {
        precondition(b.count == a.rows)
        var r = a
        var y = b
        let m = a.rows, n = a.columns
        let steps = min(m, n)
        var diagonal = Array(repeating: 0.0, count: n)
        for k in 0..<steps {
            var norm = 0.0
            for i in k..<m { norm += r[i, k] * r[i, k] }
            norm = norm.squareRoot()
            if norm == 0 { continue }
            let alpha = r[k, k] > 0 ? -norm : norm
            // Householder vector v = x − alpha e₁, stored in place below the diagonal.
            r[k, k] -= alpha
            var vnorm2 = 0.0
            for i in k..<m { vnorm2 += r[i, k] * r[i, k] }
            if vnorm2 > 0 {
                for j in (k + 1)..<n {
                    var s = 0.0
                    for i in k..<m { s += r[i, k] * r[i, j] }
                    let f = 2 * s / vnorm2
                    for i in k..<m { r[i, j] -= f * r[i, k] }
                }
                var s = 0.0
                for i in k..<m { s += r[i, k] * y[i] }
                let f = 2 * s / vnorm2
                for i in k..<m { y[i] -= f * r[i, k] }
            }
            diagonal[k] = alpha
        }
        let largest = diagonal.map(abs).max() ?? 0
        let tolerance = largest * 1e-13 * Double(max(m, n))
        var x = Array(repeating: 0.0, count: n)
        for k in stride(from: steps - 1, through: 0, by: -1) {
            if abs(diagonal[k]) <= tolerance { continue }
            var s = y[k]
            for j in (k + 1)..<n { s -= r[k, j] * x[j] }
            x[k] = s / diagonal[k]
        }
        return x
    }
}
