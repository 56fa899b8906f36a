/// Ordinary least-squares fit of y = intercept + slope·x, with the standard
/// errors a published number needs.
///
/// Sums are taken about the means, so a fit of ln σT against 1/T (x ≈ 3e-3,
/// spread 1e-4) keeps its digits.
public struct StraightLineFit: Sendable, Hashable {
    public var slope: Double
    public var intercept: Double
    public var slopeStandardError: Double
    public var interceptStandardError: Double
    /// Covariance of slope and intercept.
    public var covariance: Double
    public var residualSumOfSquares: Double
    /// Coefficient of determination (1 for a perfect line).
    public var rSquared: Double
    public var count: Int

    /// Fits the points; nil for fewer than two points or when every x is equal.
    ///
    /// With exactly two points the line is exact and the standard errors are 0.
    public init?(x: [Double], y: [Double]) {
        let n = min(x.count, y.count)
        guard n >= 2 else { return nil }
        let mx = x.prefix(n).reduce(0, +) / Double(n), my = y.prefix(n).reduce(0, +) / Double(n)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for k in 0..<n {
            let dx = x[k] - mx, dy = y[k] - my
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        var rss = 0.0
        for k in 0..<n {
            let r = y[k] - intercept - slope * x[k]
            rss += r * r
        }
        residualSumOfSquares = rss
        rSquared = syy > 0 ? max(0, 1 - rss / syy) : 1
        let s2 = n > 2 ? rss / Double(n - 2) : 0
        slopeStandardError = (s2 / sxx).squareRoot()
        interceptStandardError = (s2 * (1 / Double(n) + mx * mx / sxx)).squareRoot()
        covariance = -mx * s2 / sxx
        count = n
    }

    /// The fitted line at `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }
}
