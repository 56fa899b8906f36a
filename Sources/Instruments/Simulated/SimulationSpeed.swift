/// How fast a simulated bench runs against its injected clock.
public enum SimulationSpeed: Sendable, Hashable {
    /// One simulated second per second of the clock.
    case realTime
    /// `factor` simulated seconds per second of the clock.
    case factor(Double)
    /// As fast as the consumer asks for samples; the clock is never slept on.
    case maximum

    /// Clock time to wait for `seconds` of simulated time, or nil for none.
    func wait(for seconds: Double) -> Duration? {
        switch self {
        case .realTime: .seconds(seconds)
        case .factor(let f): .seconds(seconds / f)
        case .maximum: nil
        }
    }
}
