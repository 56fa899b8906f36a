import Instruments

/// Voltage cut-offs the way instruments meet them: the limit is handed to the
/// instrument as its compliance, so the voltage cannot run past it between
/// two readings, and readings come faster as the limit approaches, so the
/// step ends within one (short) sample of the crossing.
extension ProtocolExecutor {
    /// How far beyond a cut-off the instrument's compliance is set (V): a
    /// voltage held there reads past the cut-off through any noise, so the
    /// termination holds at the first sample after the crossing.
    static var complianceMargin: Double { 0.001 }

    /// The shortest sampling interval an approach asks for (s).
    var fastestApproachInterval: Double {
        max(instruments.potentiostat.capabilities.minimumSampleInterval, 0.1)
    }

    /// The voltage compliance for a current of sign `current`: the device's
    /// range, narrowed to the step's voltage terminations on the side the
    /// current drives towards (those armed from the start, and only when the
    /// cell is not already past them).
    func voltageCompliance(for current: Double, _ running: RunningStep) -> ClosedRange<Double> {
        let range = instruments.potentiostat.capabilities.voltageRange
        var low = range.lowerBound, high = range.upperBound
        let present = lastSample?.voltage
        for armed in running.monitor.armed where !armed.isFailure && armed.variable == .voltage && armed.armedAfter == 0 {
            if armed.comparison.isUpper, current > 0, present.map({ $0 < armed.threshold }) ?? true {
                high = min(high, armed.threshold + Self.complianceMargin)
            } else if !armed.comparison.isUpper, current < 0, present.map({ $0 > armed.threshold }) ?? true {
                low = max(low, armed.threshold - Self.complianceMargin)
            }
        }
        return low < high ? low...high : range
    }

    /// The sampling interval to change to as the voltage nears a limit the
    /// step watches (a quarter of the projected time to reach it, down to
    /// `fastestApproachInterval`), or back to when it turns away; nil to keep
    /// the present one.
    func approachInterval(_ sample: Sample, _ running: inout RunningStep) -> Double? {
        defer { running.previous = sample }
        guard let previous = running.previous, sample.time > previous.time else { return nil }
        let slope = (sample.voltage - previous.voltage) / (sample.time - previous.time)
        var timeToLimit = Double.infinity
        for index in running.monitor.armed.indices where running.monitor.armed[index].variable == .voltage {
            let upper = running.monitor.armed[index].comparison.isUpper
            let threshold = running.monitor.armed[index].threshold
            let distance = upper ? threshold - sample.voltage : sample.voltage - threshold
            let speed = upper ? slope : -slope
            if distance > 0, speed > 0 { timeToLimit = min(timeToLimit, distance / speed) }
        }
        let wanted = min(running.policyInterval, max(fastestApproachInterval, timeToLimit / 4))
        let changes = wanted < sampleInterval / 2 || (wanted > sampleInterval * 2 && sampleInterval < running.policyInterval)
        return changes ? wanted : nil
    }
}
