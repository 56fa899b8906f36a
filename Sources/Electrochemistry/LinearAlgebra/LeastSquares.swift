/// Linear least squares by Householder QR with column pivoting.
public enum LeastSquares {
    /// Minimises ‖A·x − b‖₂.
    ///
    /// Columns that are numerically dependent on the others (pivot below
    /// `1e-13 × max(m, n) ×` the largest) get 0, so an ill-posed problem gives
    /// a finite basic solution that still minimises the residual, not NaN.
    public static func solve(_ a: Matrix, _ b: [Double]) -> [Double] {
        precondition(b.count == a.rows)
        return HouseholderQR(a, b, pivoting: true).solution()
    }
}
