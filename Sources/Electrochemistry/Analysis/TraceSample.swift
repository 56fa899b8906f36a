/// One reading of a time trace: what the analyses of DC measurements consume.
///
/// Positive current charges the cell (plates onto the working electrode of a
/// symmetric cell). A sample reports the interval that ends at `time`, as an
/// integrating instrument (and the simulated bench) does.
public struct TraceSample: Sendable, Hashable {
    /// Seconds.
    public var time: Double
    /// Volts.
    public var voltage: Double
    /// Amperes, positive = charge.
    public var current: Double

    public init(time: Double, voltage: Double, current: Double) {
        self.time = time
        self.voltage = voltage
        self.current = current
    }
}

extension Array where Element == TraceSample {
    /// Checks that every value is finite and time strictly increases.
    ///
    /// - Throws: `AnalysisError` naming the first bad sample and field.
    func validateTrace(minimumCount: Int) throws(AnalysisError) {
        guard count >= minimumCount else {
            throw AnalysisError(.tooFewPoints, "the trace has \(count) samples; at least \(minimumCount) are needed")
        }
        for (k, s) in enumerated() {
            for (field, value) in [("time", s.time), ("voltage", s.voltage), ("current", s.current)] where !value.isFinite {
                throw AnalysisError(.notFinite, "sample \(k + 1): \(field) is \(value); every value must be a finite number",
                                    index: k, field: field)
            }
            if k > 0, s.time <= self[k - 1].time {
                throw AnalysisError(.timeNotIncreasing,
                                    "sample \(k + 1): time \(s.time) s does not follow \(self[k - 1].time) s; times must strictly increase",
                                    index: k, field: "time")
            }
        }
    }

    /// Length of the interval sample `k` reports (s). The first sample's is
    /// taken to equal the second's, as for regular sampling from a step or a
    /// start at rest.
    func interval(at k: Int) -> Double {
        if k > 0 { return self[k].time - self[k - 1].time }
        return count > 1 ? self[1].time - self[0].time : 0
    }

    /// Index of the sample where a polarisation step begins: the first whose
    /// current reaches half the trace's largest magnitude.
    ///
    /// Traces exported from a run often start with open-circuit rows; those
    /// are not part of the polarisation and would read as a steady zero.
    func polarisationOnset() throws(AnalysisError) -> Int {
        let peak = map { abs($0.current) }.max() ?? 0
        guard peak > 0, let onset = firstIndex(where: { abs($0.current) >= peak / 2 }) else {
            throw AnalysisError(.noSignal, "the current is zero throughout: no polarisation step to analyse", field: "current")
        }
        return onset
    }
}
