/// Householder QR of a matrix, with `Qᵀ` applied to a right-hand side as it goes.
///
/// With column pivoting the dependent columns come last, so dropping them
/// leaves a true least-squares minimiser over the others; without pivoting a
/// dependent column in the middle would make back substitution skip a row that
/// still matters.
struct HouseholderQR {
    let rows: Int
    let columns: Int
    /// Row-major; above the diagonal R, on and below it the reflectors.
    private var r: [Double]
    /// `Qᵀ·b`.
    private var qtb: [Double]
    /// R's diagonal.
    private var diagonal: [Double]
    /// Column k of R is column `permutation[k]` of A.
    private var permutation: [Int]
    /// With pivoting, the columns reduced before the rest fell below the rank
    /// tolerance; without, all of them.
    private var rank: Int
    /// Pivots below this fraction of the largest, times max(m, n), count as dependent.
    private let tolerance: Double

    init(_ a: Matrix, _ b: [Double], pivoting: Bool, tolerance: Double = 1e-13) {
        precondition(b.count == a.rows)
        let m = a.rows, n = a.columns, steps = min(m, n)
        rows = m
        columns = n
        r = a.storage
        qtb = b
        diagonal = Array(repeating: 0, count: n)
        permutation = Array(0..<n)
        rank = steps
        self.tolerance = tolerance
        guard m > 0, n > 0 else { return }
        var diagonal = diagonal, permutation = permutation, rank = steps
        // Raw pointers and while loops: the tests run unoptimised, where
        // buffer subscripts and range iterators are real calls.
        r.withUnsafeMutableBufferPointer { buffer in
            qtb.withUnsafeMutableBufferPointer { yBuffer in
                let r = buffer.baseAddress!, y = yBuffer.baseAddress!
                func columnNorm2(_ j: Int, from k: Int) -> Double {
                    var s = 0.0, p = r + k * n + j, i = k
                    while i < m { s += p.pointee * p.pointee; p += n; i += 1 }
                    return s
                }
                // Squared norms of the columns' unreduced parts, downdated each
                // step and recomputed once cancellation could have eaten them.
                var partial = pivoting ? (0..<n).map { columnNorm2($0, from: 0) } : []
                var reference = partial
                var largest = 0.0
                for k in 0..<steps {
                    if pivoting {
                        var best = k
                        for j in k..<n where partial[j] > partial[best] { best = j }
                        if best != k {
                            for i in 0..<m { (r[i * n + k], r[i * n + best]) = (r[i * n + best], r[i * n + k]) }
                            permutation.swapAt(k, best)
                            partial.swapAt(k, best)
                            reference.swapAt(k, best)
                        }
                    }
                    let norm = columnNorm2(k, from: k).squareRoot()
                    largest = max(largest, norm)
                    if pivoting, norm <= largest * tolerance * Double(max(m, n)) {
                        rank = k
                        break
                    }
                    if norm == 0 { continue }
                    let alpha = r[k * n + k] > 0 ? -norm : norm
                    r[k * n + k] -= alpha
                    let vnorm2 = columnNorm2(k, from: k)
                    let v = r + k * n + k
                    // Applies the reflector to rows k..<m of a column of r (stride n) or of b (stride 1).
                    func reflect(_ target: UnsafeMutablePointer<Double>, stride: Int) {
                        var s = 0.0, pv = v, pt = target, i = k
                        while i < m { s += pv.pointee * pt.pointee; pv += n; pt += stride; i += 1 }
                        let f = 2 * s / vnorm2
                        pv = v; pt = target; i = k
                        while i < m { pt.pointee -= f * pv.pointee; pv += n; pt += stride; i += 1 }
                    }
                    for j in (k + 1)..<n {
                        reflect(r + k * n + j, stride: n)
                        if pivoting {
                            partial[j] -= r[k * n + j] * r[k * n + j]
                            if partial[j] <= 1e-6 * reference[j] {
                                partial[j] = columnNorm2(j, from: k + 1)
                                reference[j] = partial[j]
                            }
                        }
                    }
                    reflect(y + k, stride: 1)
                    diagonal[k] = alpha
                }
            }
        }
        self.diagonal = diagonal
        self.permutation = permutation
        self.rank = rank
    }

    /// The least-squares solution; columns beyond `rank` (pivoted) or with a
    /// negligible pivot get 0.
    func solution() -> [Double] {
        let n = columns
        let largest = diagonal.map(abs).max() ?? 0
        let negligible = largest * tolerance * Double(max(rows, columns))
        var z = Array(repeating: 0.0, count: n)
        for k in stride(from: min(rank, rows, n) - 1, through: 0, by: -1) {
            if abs(diagonal[k]) <= negligible { continue }
            var s = qtb[k]
            for j in (k + 1)..<n { s -= r[k * n + j] * z[j] }
            z[k] = s / diagonal[k]
        }
        var x = Array(repeating: 0.0, count: n)
        for k in 0..<n { x[permutation[k]] = z[k] }
        return x
    }

    /// uᵀ(AᵀA)⁻¹u = ‖R⁻ᵀ·Pᵀu‖², the variance of u·x̂ per unit variance of
    /// white noise in b. Columns the solution sets to 0 do not vary and are left out.
    func inverseGramForm(_ u: [Double]) -> Double {
        precondition(u.count == columns)
        let n = columns
        let largest = diagonal.map(abs).max() ?? 0
        let negligible = largest * tolerance * Double(max(rows, columns))
        let used = min(rank, rows, n)
        var z = Array(repeating: 0.0, count: used)
        var sum = 0.0
        for k in 0..<used where abs(diagonal[k]) > negligible {
            var s = u[permutation[k]]
            for j in 0..<k { s -= r[j * n + k] * z[j] }
            z[k] = s / diagonal[k]
            sum += z[k] * z[k]
        }
        return sum
    }

    /// An equivalent smaller problem: `‖A·x − b‖² = ‖R·x − c‖² + outside²`
    /// for every x. Needs an unpivoted factorisation.
    func compressed() -> (r: Matrix, c: [Double], outside: Double) {
        precondition(permutation == Array(0..<columns), "compress an unpivoted factorisation")
        let p = min(rows, columns)
        var matrix = Matrix(rows: p, columns: columns)
        for k in 0..<p {
            matrix[k, k] = diagonal[k]
            for j in (k + 1)..<columns { matrix[k, j] = r[k * columns + j] }
        }
        let outside = qtb[p...].reduce(0) { $0 + $1 * $1 }.squareRoot()
        return (matrix, Array(qtb[..<p]), outside)
    }
}
