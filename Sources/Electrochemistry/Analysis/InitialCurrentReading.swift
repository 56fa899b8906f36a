/// How the initial current I₀ of a potentiostatic hold is read.
///
/// I₀ must be the current after the interfaces' double layers have charged
/// (a few R₀·C_dl) and before concentration polarisation has grown. When the
/// interfaces dominate (R₀ ≫ R_bulk, as for polymers), a Bruce–Vincent t₊ is
/// (1 + R₀/R_bulk) times as sensitive to I₀ as I₀ itself, and no single sample
/// may fall in that window; then extrapolate.
public enum InitialCurrentReading: Sendable, Hashable {
    /// The first sample at least `delay` seconds after the step: the textbook
    /// reading. With fast sampling, give a delay past the double-layer charging.
    case firstSample(delay: Double)
    /// Fit I against √(t − t_step) over `window` (seconds after the step) and
    /// take the line at the step. At times short against the diffusion time
    /// L²/D the concentration overpotential grows as √t (semi-infinite
    /// diffusion), so the line extrapolates past the double-layer charging
    /// to the current at which the interfaces, but no gradient, carried the step.
    case squareRootExtrapolation(window: ClosedRange<Double>)

    /// Reads I₀ (magnitude) and the time it refers to from a hold whose first
    /// sample is the first after the step. That sample reports the interval
    /// ending at it, so the step happened one interval earlier.
    func read(_ hold: [TraceSample]) throws(AnalysisError) -> (current: Double, time: Double) {
        let step = hold[0].time - hold.interval(at: 0)
        switch self {
        case .firstSample(let delay):
            guard delay.isFinite, delay >= 0 else {
                throw AnalysisError(.invalidParameter, "initial-current delay \(delay) s must be zero or positive", field: "delay")
            }
            guard let sample = hold.first(where: { $0.time >= step + delay }) else {
                throw AnalysisError(.tooFewPoints, "no sample \(delay) s after the step to read I₀ from", field: "time")
            }
            return (abs(sample.current), sample.time)
        case .squareRootExtrapolation(let window):
            guard window.lowerBound >= 0, window.upperBound.isFinite, window.upperBound > window.lowerBound else {
                throw AnalysisError(.invalidParameter,
                                    "extrapolation window \(window) s must be a non-empty range of times after the step",
                                    field: "window")
            }
            let inside = hold.filter { window.contains($0.time - step) }
            guard inside.count >= 3,
                  let line = StraightLineFit(x: inside.map { ($0.time - step).squareRoot() }, y: inside.map { abs($0.current) }) else {
                throw AnalysisError(.tooFewPoints,
                                    "\(inside.count) samples lie \(window.lowerBound)–\(window.upperBound) s after the step; the √t extrapolation needs at least 3",
                                    field: "time")
            }
            return (line.intercept, step)
        }
    }
}
