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
    public static func solve(_ a: Matrix, _ b: [Double]) -> [Double] {
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
        let y = HouseholderQR(scaled, b, pivoting: true).solution()
        return zip(y, lengths).map { $0 / $1 }
    }
}
