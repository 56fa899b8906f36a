/// An open-circuit voltage curve: a monotone table interpolated with
/// Fritsch–Carlson cubic Hermite splines.
///
/// Monotone interpolation keeps OCV(SOC) strictly increasing, which the SOC
/// estimator needs to invert it; outside [0, 1] the curve continues with a
/// steep slope so over-charge and over-discharge reach voltage limits instead
/// of extrapolating flat.
public struct OCVCurve: Sendable, Hashable {
    public let stateOfCharge: [Double]
    public let voltage: [Double]
    private let slopes: [Double]
    /// Slope used past either end of the table (V per unit SOC).
    public static let overrunSlope = 100.0

    /// - Parameter points: (SOC, V) pairs with strictly increasing SOC.
    public init(_ points: [(Double, Double)]) {
        precondition(points.count >= 2)
        let x = points.map(\.0), y = points.map(\.1)
        precondition(zip(x, x.dropFirst()).allSatisfy { $0 < $1 }, "SOC must increase")
        self.stateOfCharge = x
        self.voltage = y
        self.slopes = Self.monotoneSlopes(x, y)
    }

    /// A constant potential (Li metal, Li-In, LTO plateaus).
    public static func constant(_ v: Double) -> OCVCurve { OCVCurve([(0, v), (1, v)]) }

    private static func monotoneSlopes(_ x: [Double], _ y: [Double]) -> [Double] {
        let n = x.count
        let secant: [Double] = (0..<(n - 1)).map { (k: Int) -> Double in
            let dy: Double = y[k + 1] - y[k]
            let dx: Double = x[k + 1] - x[k]
            return dy / dx
        }
        var m = Array(repeating: 0.0, count: n)
        m[0] = secant[0]
        m[n - 1] = secant[n - 2]
        for k in 1..<(n - 1) {
            m[k] = secant[k - 1] * secant[k] <= 0 ? 0 : (secant[k - 1] + secant[k]) / 2
        }
        for k in 0..<(n - 1) where secant[k] != 0 {
            let a: Double = m[k] / secant[k], b: Double = m[k + 1] / secant[k]
            let s: Double = a * a + b * b
            if s > 9 {
                let t: Double = 3 / s.squareRoot()
                m[k] = t * a * secant[k]
                m[k + 1] = t * b * secant[k]
            }
        }
        return m
    }

    /// OCV at `soc` and its derivative dV/dSOC.
    public func evaluate(_ soc: Double) -> (value: Double, slope: Double) {
        let n = stateOfCharge.count
        if soc <= stateOfCharge[0] {
            let s = max(slopes[0], Self.overrunSlope)
            return (voltage[0] + s * (soc - stateOfCharge[0]), voltage[0] == voltage[n - 1] ? 0 : s)
        }
        if soc >= stateOfCharge[n - 1] {
            let s = max(slopes[n - 1], Self.overrunSlope)
            return (voltage[n - 1] + s * (soc - stateOfCharge[n - 1]), voltage[0] == voltage[n - 1] ? 0 : s)
        }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if stateOfCharge[mid] <= soc { lo = mid } else { hi = mid }
        }
        let h = stateOfCharge[hi] - stateOfCharge[lo]
        let t = (soc - stateOfCharge[lo]) / h
        let t2 = t * t, t3 = t2 * t
        let y0 = voltage[lo], y1 = voltage[hi], m0 = slopes[lo] * h, m1 = slopes[hi] * h
        let value = (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1
        let derivative = ((6 * t2 - 6 * t) * y0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * y1 + (3 * t2 - 2 * t) * m1) / h
        return (value, derivative)
    }

    /// OCV at `soc`.
    public func callAsFunction(_ soc: Double) -> Double { evaluate(soc).value }
}
