/// One reading from a channel's instruments.
///
/// Positive current charges the cell. Time is the instrument's own time in
/// seconds since the connection (or simulation) started.
public struct Sample: Sendable, Hashable, Codable {
    public var time: Double
    public var voltage: Double
    public var current: Double
    /// Stack pressure (Pa), when a pressure sensor is on the channel.
    public var pressure: Double?
    /// Cell temperature (K), when a sensor is on the channel.
    public var temperature: Double?
    /// How old `pressure` and `temperature` are (s) when they come from a
    /// separate sensor polled on its own cadence; nil when this instrument
    /// measured them with the sample.
    public var pressureAge: Double?
    public var temperatureAge: Double?

    public init(time: Double, voltage: Double, current: Double, pressure: Double? = nil, temperature: Double? = nil) {
        self.time = time
        self.voltage = voltage
        self.current = current
        self.pressure = pressure
        self.temperature = temperature
    }
}
