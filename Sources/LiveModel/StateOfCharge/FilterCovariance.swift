/// The SOC filter's symmetric covariance, held inline so a filter copied
/// through the live model every sample allocates nothing.
struct FilterCovariance: Sendable {
    static let size = StateOfChargeFilter.stateCount
    private var storage = InlineArray<100, Double>(repeating: 0)

    init(diagonal: [Double]) {
        for (i, value) in diagonal.enumerated() { self[i, i] = value }
    }

    subscript(row: Int, column: Int) -> Double {
        get { storage[row * Self.size + column] }
        set { storage[row * Self.size + column] = newValue }
    }

    /// One row of a transition F that differs from the identity: up to
    /// three (state, coefficient) terms.
    typealias Terms = ((Int, Double), (Int, Double), (Int, Double))

    /// Row `target` of F P: the combination `terms` of P's rows. Sources
    /// must be rows the transition leaves as they are.
    mutating func combineRows(into target: Int, _ terms: Terms) {
        for j in 0..<Self.size {
            self[target, j] = terms.0.1 * self[terms.0.0, j] + terms.1.1 * self[terms.1.0, j] + terms.2.1 * self[terms.2.0, j]
        }
    }

    /// Column `target` of (F P) Fᵀ, likewise.
    mutating func combineColumns(into target: Int, _ terms: Terms) {
        for i in 0..<Self.size {
            self[i, target] = terms.0.1 * self[i, terms.0.0] + terms.1.1 * self[i, terms.1.0] + terms.2.1 * self[i, terms.2.0]
        }
    }

    /// P h for a measurement row h.
    func times(_ h: InlineArray<10, Double>) -> InlineArray<10, Double> {
        var result = InlineArray<10, Double>(repeating: 0)
        for i in 0..<Self.size {
            var sum = 0.0
            for j in 0..<Self.size { sum += self[i, j] * h[j] }
            result[i] = sum
        }
        return result
    }

    /// P ← P − (P h)(P h)ᵀ / s: the Kalman update for one scalar measurement.
    mutating func subtract(outer ph: InlineArray<10, Double>, over s: Double) {
        for i in 0..<Self.size {
            for j in 0..<Self.size { self[i, j] -= ph[i] * ph[j] / s }
        }
    }

    /// Forgets every correlation of state `i` and sets its variance.
    mutating func reset(_ i: Int, variance: Double) {
        for j in 0..<Self.size {
            self[i, j] = 0
            self[j, i] = 0
        }
        self[i, i] = variance
    }
}
