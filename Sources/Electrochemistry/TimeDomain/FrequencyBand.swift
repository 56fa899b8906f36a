/// A frequency range in hertz over which a time-domain model must be faithful.
public struct FrequencyBand: Sendable, Hashable {
    public var lowest: Double
    public var highest: Double

    public init(lowest: Double, highest: Double) {
        precondition(lowest > 0 && highest > lowest, "a band needs 0 < lowest < highest")
        self.lowest = lowest
        self.highest = highest
    }

    /// The band a simulation with step `dt` lasting `duration` can see: from
    /// one cycle per duration up to the Nyquist frequency.
    public init(step dt: Double, duration: Double) {
        self.init(lowest: 1 / duration, highest: 0.5 / dt)
    }

    /// The shortest time constant that matters inside the band.
    public var fastestTime: Double { 1 / (2 * Double.pi * highest) }
}
