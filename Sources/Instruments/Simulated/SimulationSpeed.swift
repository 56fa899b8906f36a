/// How fast a simulated bench runs against its injected clock.
public enum SimulationSpeed: Sendable, Hashable {
    /// One simulated second per second of the clock.
    case realTime
    /// `factor` simulated seconds per second of the clock.
    case factor(Double)
    /// As fast as the consumer asks for samples; the clock is never slept on.
    case maximum

    /// Simulated seconds per second of the clock, or nil when the clock is never slept on.
    var simulatedSecondsPerClockSecond: Double? {
        switch self {
        case .realTime: 1
        case .factor(let f): f
        case .maximum: nil
        }
    }
}
