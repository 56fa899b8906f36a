/// A phase transition in an Arrhenius plot: two lines, each with its own Eₐ.
///
/// LiBH₄ jumps from 1e-7 to 1e-3 S/cm between 303 and 393 K (Zhang et al.);
/// a single Eₐ across such a jump means nothing. The search fits two
/// independent lines (discontinuous, because conductivity jumps at the
/// transition) on either side of every split in temperature order and keeps
/// the split with the smallest total residual.
///
/// A break is reported only when it is significant: the extra-sum-of-squares
/// F test of two lines (4 parameters) against one (2 parameters), with the
/// p-value multiplied by the number of splits tried (Bonferroni), because
/// choosing the best split makes any one test look better than it is. A
/// straight line with noise therefore reports no break.
public struct ArrheniusBreakpoint: Sendable, Hashable {
    /// The fit below and above the transition.
    public var low: ArrheniusFit
    public var high: ArrheniusFit
    /// Midway between the highest temperature of `low` and the lowest of `high` (K).
    public var transitionTemperature: Double
    /// F statistic of two lines against one, and its Bonferroni-corrected p-value.
    public var fStatistic: Double
    public var pValue: Double

    /// Finds the most likely break.
    ///
    /// - Parameters:
    ///   - minimumSegment: fewest points on each side (at least 3, so each
    ///     segment's Eₐ has an error estimate).
    ///   - significance: largest corrected p-value accepted as a break.
    /// - Returns: the break, or nil when two lines do not fit significantly
    ///   better than one.
    /// - Throws: `AnalysisError` for invalid points, or fewer than
    ///   2 × `minimumSegment` + 1 points (no residual is left to test with).
    public static func detect(in measurements: [ConductivityMeasurement], minimumSegment: Int = 3,
                              significance: Double = 0.01) throws(AnalysisError) -> ArrheniusBreakpoint? {
        guard minimumSegment >= 3 else {
            throw AnalysisError(.invalidParameter, "minimum segment \(minimumSegment): each side needs at least 3 points", field: "minimumSegment")
        }
        guard significance > 0, significance < 1 else {
            throw AnalysisError(.invalidParameter, "significance \(significance) must lie between 0 and 1", field: "significance")
        }
        try measurements.validateMeasurements(minimumCount: 2 * minimumSegment + 1, model: "a breakpoint search")
        let sorted = measurements.sorted { $0.temperature < $1.temperature }
        let single = try ArrheniusFit.fit(sorted)
        let n = sorted.count
        var best: (split: Int, low: ArrheniusFit, high: ArrheniusFit, rss: Double)?
        for split in minimumSegment...(n - minimumSegment) where sorted[split - 1].temperature < sorted[split].temperature {
            guard let low = try? ArrheniusFit.fit(Array(sorted[..<split])),
                  let high = try? ArrheniusFit.fit(Array(sorted[split...])) else { continue }
            let rss = low.residualSumOfSquares + high.residualSumOfSquares
            if rss < best?.rss ?? .infinity { best = (split, low, high, rss) }
        }
        guard let best else { return nil }
        let candidates = Double(n - 2 * minimumSegment + 1)
        let gain = single.residualSumOfSquares - best.rss
        // A line that fits to rounding error (rms 1e-12 in ln σT) has nothing left to explain.
        guard single.residualSumOfSquares > 1e-24 * Double(n), gain > 0 else { return nil }
        let f = (gain / 2) / (best.rss / Double(n - 4))
        let p = min(1, FDistribution.survival(f, d1: 2, d2: Double(n - 4)) * candidates)
        guard p <= significance else { return nil }
        return ArrheniusBreakpoint(
            low: best.low, high: best.high,
            transitionTemperature: (sorted[best.split - 1].temperature + sorted[best.split].temperature) / 2,
            fStatistic: f, pValue: p)
    }
}
