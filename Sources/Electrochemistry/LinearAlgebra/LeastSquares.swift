/// Linear least squares by Householder QR with column pivoting.
public enum LeastSquares {
    /// Minimises ‖A·x − b‖₂.
    ///
    /// Columns are scaled to unit length before the factorisation, so whether
    /// a column counts as dependent does not hang on its units: in lin-KK an
    /// inductance column (H, entries ~ω) sits beside slow RC columns (entries
    /// ~1/ωτ), and unscaled, the slow ones fell under the rank tolerance and
    /// were dropped although they were what described the spectrum's low end.
    /// Columns that are still numerically dependent on the others (pivot below
    /// `1e-13 × max(m, n) ×` the largest) get 0, so an ill-posed problem gives
    /// a finite basic solution that still minimises the residual, not NaN.
    public static func solve(_ a: Matrix, _ b: [Double]) -> [Double] { Solution(a, b).x }

    /// A minimiser of ‖A·x − b‖₂ with what it takes to carry the noise in b
    /// through to a linear function of it.
    struct Solution {
        let x: [Double]
        private let factorisation: HouseholderQR
        /// Column lengths the factorised matrix was divided by.
        private let lengths: [Double]

        init(_ a: Matrix, _ b: [Double], tolerance: Double = 1e-13) {
            precondition(b.count == a.rows)
            var scaled = a
            var lengths = Array(repeating: 0.0, count: a.columns)
            for row in 0..<a.rows {
                for column in 0..<a.columns { lengths[column] += a[row, column] * a[row, column] }
            }
            for column in 0..<a.columns {
                lengths[column] = lengths[column] > 0 ? lengths[column].squareRoot() : 1
            }
            for row in 0..<a.rows {
                for column in 0..<a.columns { scaled[row, column] /= lengths[column] }
            }
            factorisation = HouseholderQR(scaled, b, pivoting: true, tolerance: tolerance)
            self.lengths = lengths
            x = zip(factorisation.solution(), lengths).map { $0 / $1 }
        }

        /// The variance of u·x per unit variance of white noise in b: uᵀ(AᵀA)⁻¹u.
        func variance(of u: [Double]) -> Double {
            factorisation.inverseGramForm(zip(u, lengths).map { $0 / $1 })
        }
    }
}
