/// Decides when a polarisation current has stopped changing.
///
/// The criterion is the relative drift over a trailing window: fit a line to
/// the current over the last `window` seconds and compare the change it
/// predicts across the window with the window's mean current,
/// |slope·window / mean| ≤ `relativeDriftTolerance`. A lab reads "steady" the
/// same way, by eye on the last minutes; writing it down makes it the same
/// for every run and lets a report say when it happened rather than assume it.
public struct SteadyStateCriterion: Sendable, Hashable {
    /// Length of the trailing window (s).
    public var window: Double
    /// Largest accepted relative change across the window.
    public var relativeDriftTolerance: Double

    /// Defaults: 10 minutes, 1 %.
    public init(window: Double = 600, relativeDriftTolerance: Double = 0.01) {
        self.window = window
        self.relativeDriftTolerance = relativeDriftTolerance
    }

    func validate() throws(AnalysisError) {
        guard window.isFinite, window > 0 else {
            throw AnalysisError(.invalidParameter, "steady-state window \(window) s must be positive", field: "window")
        }
        guard relativeDriftTolerance.isFinite, relativeDriftTolerance > 0 else {
            throw AnalysisError(.invalidParameter, "drift tolerance \(relativeDriftTolerance) must be positive", field: "tolerance")
        }
    }
}

/// The outcome of steady-state detection on a current trace.
public struct SteadyState: Sendable, Hashable {
    /// Time at which the first trailing window met the criterion (s); nil if none did.
    public var reachedAt: Double?
    /// The current at the end of the trace (A): the final window's fitted line
    /// at the last sample, which averages noise yet stays consistent with
    /// anything measured right after the hold (EIS for R_s). When steady
    /// state was never reached the current was still decaying, and its
    /// magnitude is an upper bound.
    public var current: Double
    /// Relative drift of the final window (signed: negative while the magnitude decays).
    public var finalRelativeDrift: Double
    /// Samples in the final window.
    public var sampleCount: Int

    public var isReached: Bool { reachedAt != nil }
}

public enum SteadyStateDetector {
    /// Applies `criterion` to a trace of (time, current) samples.
    ///
    /// - Throws: `AnalysisError` for an invalid criterion or a trace shorter
    ///   than one window.
    public static func detect(_ trace: [TraceSample], criterion: SteadyStateCriterion) throws(AnalysisError) -> SteadyState {
        try criterion.validate()
        try trace.validateTrace(minimumCount: 3)
        let t0 = trace[0].time
        let span = trace[trace.count - 1].time - t0
        guard span >= criterion.window else {
            throw AnalysisError(.tooFewPoints,
                                "the trace lasts \(span) s, shorter than the \(criterion.window) s steady-state window; record longer or shorten the window",
                                field: "time")
        }
        // Prefix sums of t, t², I, t·I (t from the trace start) make each window O(1).
        let n = trace.count
        var st = [0.0], stt = [0.0], si = [0.0], sti = [0.0]
        st.reserveCapacity(n + 1); stt.reserveCapacity(n + 1); si.reserveCapacity(n + 1); sti.reserveCapacity(n + 1)
        var sums = (t: 0.0, tt: 0.0, i: 0.0, ti: 0.0)
        for s in trace {
            let t = s.time - t0
            sums = (sums.t + t, sums.tt + t * t, sums.i + s.current, sums.ti + t * s.current)
            st.append(sums.t); stt.append(sums.tt); si.append(sums.i); sti.append(sums.ti)
        }
        /// Relative drift of samples first..<end, and their line's value at the last one.
        func window(_ first: Int, _ end: Int) -> (drift: Double, endValue: Double) {
            let m = Double(end - first)
            let sumT = st[end] - st[first], sumI = si[end] - si[first]
            let sxx = (stt[end] - stt[first]) - sumT * sumT / m
            let sxy = (sti[end] - sti[first]) - sumT * sumI / m
            let mean = sumI / m
            guard m >= 3, sxx > 0 else { return (.infinity, mean) }
            let slope = sxy / sxx
            let change = slope * criterion.window
            let drift = mean == 0 ? (change == 0 ? 0 : Double.infinity) : change / abs(mean)
            return (drift, mean + slope * (trace[end - 1].time - t0 - sumT / m))
        }
        var first = 0
        var reachedAt: Double?
        for end in 1...n {
            let tEnd = trace[end - 1].time
            guard tEnd - t0 >= criterion.window else { continue }
            while trace[first].time < tEnd - criterion.window { first += 1 }
            if abs(window(first, end).drift) <= criterion.relativeDriftTolerance {
                reachedAt = tEnd
                break
            }
        }
        let finalStart = trace.lastIndex { $0.time < trace[n - 1].time - criterion.window }.map { $0 + 1 } ?? 0
        let final = window(finalStart, n)
        return SteadyState(reachedAt: reachedAt, current: final.endValue, finalRelativeDrift: final.drift,
                           sampleCount: n - finalStart)
    }
}
