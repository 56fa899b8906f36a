/// One sample as the live model sees it, in SI units.
///
/// The live model does not import the instrument layer, so it has its own
/// sample type; the scheduler maps an instrument `Sample` onto it field by field.
/// Positive current charges the cell.
public struct Measurement: Sendable, Hashable {
    /// Seconds, on any monotonic clock the channel keeps.
    public var time: Double
    /// A, positive = charge.
    public var current: Double
    /// V, the cell's terminal voltage.
    public var voltage: Double
    /// Pa, when a pressure sensor is on the channel.
    public var pressure: Double?
    /// K, when a temperature sensor is on the channel.
    public var temperature: Double?

    public init(time: Double, current: Double, voltage: Double, pressure: Double? = nil, temperature: Double? = nil) {
        self.time = time
        self.current = current
        self.voltage = voltage
        self.pressure = pressure
        self.temperature = temperature
    }
}
