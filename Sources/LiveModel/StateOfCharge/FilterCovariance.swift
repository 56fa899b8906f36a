/// The SOC filter's symmetric covariance, held inline as vector rows so a
/// filter copied through the live model every sample allocates nothing and
/// each row operation is one vector instruction.
struct FilterCovariance: Sendable {
    /// States in use; the rows' remaining lanes stay zero.
    static let size = StateOfChargeFilter.stateCount
    private var rows = InlineArray<10, SIMD16<Double>>(repeating: SIMD16())

    init(diagonal: [Double]) {
        for (i, value) in diagonal.enumerated() { rows[i][i] = value }
    }

    subscript(row: Int, column: Int) -> Double {
        get { rows[row][column] }
        set { rows[row][column] = newValue }
    }

    /// One row of a transition F that differs from the identity: up to
    /// three (state, coefficient) terms.
    typealias Terms = ((Int, Double), (Int, Double), (Int, Double))

    /// Row `target` of F P: the combination `terms` of P's rows. Sources
    /// must be rows the transition leaves as they are.
    mutating func combineRows(into target: Int, _ terms: Terms) {
        rows[target] = terms.0.1 * rows[terms.0.0] + terms.1.1 * rows[terms.1.0] + terms.2.1 * rows[terms.2.0]
    }

    /// Column `target` of (F P) Fᵀ, likewise.
    mutating func combineColumns(into target: Int, _ terms: Terms) {
        for i in 0..<Self.size {
            let r = rows[i]
            rows[i][target] = terms.0.1 * r[terms.0.0] + terms.1.1 * r[terms.1.0] + terms.2.1 * r[terms.2.0]
        }
    }

    /// P h for a measurement row h: P is symmetric, so this is the rows
    /// weighted by h's entries, whole vectors added with no lane sums.
    func times(_ h: SIMD16<Double>) -> SIMD16<Double> {
        var result = SIMD16<Double>()
        for j in 0..<Self.size where h[j] != 0 { result += h[j] * rows[j] }
        return result
    }

    /// P ← P − (P h)(P h)ᵀ / s: the Kalman update for one scalar measurement.
    mutating func subtract(outer ph: SIMD16<Double>, over s: Double) {
        let scaled = ph / s
        for i in 0..<Self.size { rows[i] -= ph[i] * scaled }
    }

    /// Forgets every correlation of state `i` and sets its variance.
    mutating func reset(_ i: Int, variance: Double) {
        for j in 0..<Self.size { rows[j][i] = 0 }
        rows[i] = SIMD16()
        rows[i][i] = variance
    }
}
