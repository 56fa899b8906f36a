import Numerics

/// Where a spectrum's first (highest-frequency) arc meets the real axis: the
/// ohmic resistance a lab reads as "the HF intercept".
///
/// A ZARC is a circular arc in the Nyquist plane, so a circle fitted to the
/// first arc (from the top frequency down to just past its apex) and
/// intersected with the real axis extrapolates the intercept even when the
/// arc's high-frequency foot lies beyond the measured range. When no arc
/// starts in the window (a blocking spike, or an arc wholly above it) the real
/// part at the point closest to the axis is returned.
public enum HighFrequencyIntercept {
    /// - Parameters:
    ///   - points: (frequency in Hz, impedance) pairs in any order.
    /// - Returns: the intercept (Ω), or nil for fewer than three points.
    public static func estimate(_ points: [(frequency: Double, impedance: Complex<Double>)]) -> Double? {
        guard points.count >= 3 else { return nil }
        let sorted = points.sorted { $0.frequency > $1.frequency }
        let x = sorted.map(\.impedance.real), y = sorted.map { -$0.impedance.imaginary }
        // The first arc: from the top down to its apex (first local maximum of −Im).
        guard let first = y.firstIndex(where: { $0 > 0 }) else { return x[y.indices.min { abs(y[$0]) < abs(y[$1]) }!] }
        var apex = first
        while apex + 1 < y.count, y[apex + 1] >= y[apex] { apex += 1 }
        let closest = (0...apex).min { abs(y[$0]) < abs(y[$1]) }!
        // Measured down to the axis already: read the crossing, do not extrapolate.
        if abs(y[closest]) < 0.03 * y[apex] { return axisCrossing(x, y, near: closest) }
        guard apex + 1 < y.count, apex - first >= 1 else { return x[closest] }
        // The arc's upper half around its apex: its high-frequency foot can carry
        // the tail of an arc above the window, its low-frequency foot the next arc.
        var lo = apex, hi = apex
        while lo > first, y[lo - 1] >= y[apex] / 2 { lo -= 1 }
        while hi + 1 < y.count, y[hi + 1] >= y[apex] / 2, y[hi + 1] <= y[hi] { hi += 1 }
        let indices = Array(lo...hi)
        guard indices.count >= 3, let circle = fitCircle(indices.map { (x[$0], y[$0]) }) else { return x[closest] }
        let discriminant = circle.radius * circle.radius - circle.centerY * circle.centerY
        guard discriminant >= 0 else { return circle.centerX }
        return circle.centerX - discriminant.squareRoot()
    }

    /// Real part where −Im crosses zero next to `index`, by linear
    /// interpolation; the point's own real part if there is no crossing.
    static func axisCrossing(_ x: [Double], _ y: [Double], near index: Int) -> Double {
        for j in [index - 1, index] where j >= 0 && j + 1 < y.count && y[j] * y[j + 1] <= 0 && y[j] != y[j + 1] {
            let t = y[j] / (y[j] - y[j + 1])
            return x[j] + t * (x[j + 1] - x[j])
        }
        return x[index]
    }

    /// Algebraic (Kåsa) circle fit: minimises Σ(x² + y² + Dx + Ey + F)².
    static func fitCircle(_ p: [(Double, Double)]) -> (centerX: Double, centerY: Double, radius: Double)? {
        // Centre and scale for conditioning.
        let mx = p.map(\.0).reduce(0, +) / Double(p.count), my = p.map(\.1).reduce(0, +) / Double(p.count)
        let s = p.map { max(abs($0.0 - mx), abs($0.1 - my)) }.max() ?? 1
        guard s > 0 else { return nil }
        var a = Matrix(rows: p.count, columns: 3)
        var b = Array(repeating: 0.0, count: p.count)
        for (r, (px, py)) in p.enumerated() {
            let u = (px - mx) / s, v = (py - my) / s
            a[r, 0] = u; a[r, 1] = v; a[r, 2] = 1
            b[r] = -(u * u + v * v)
        }
        let c = LeastSquares.solve(a, b)
        let cu = -c[0] / 2, cv = -c[1] / 2
        let r2 = cu * cu + cv * cv - c[2]
        guard r2 > 0 else { return nil }
        return (mx + cu * s, my + cv * s, r2.squareRoot() * s)
    }
}
