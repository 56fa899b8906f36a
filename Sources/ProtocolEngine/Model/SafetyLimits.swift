/// The job-wide limits that must always hold, whatever step is running.
///
/// A crossing (held for `delay`, zero by default) puts the output in its safe
/// state within the same sample, pauses the job and raises an alarm. Unlike a
/// step's `fail_if`, a safety limit cannot jump anywhere: it exists to stop.
public struct SafetyLimits: Sendable, Hashable {
    public enum Quantity: String, Sendable, Hashable, CaseIterable, Codable {
        case voltage, current, temperature, pressure

        /// The sample field it watches; nil when the channel has no sensor for it.
        public func value(in sample: some SampleReading) -> Double? {
            switch self {
            case .voltage: sample.voltage
            case .current: sample.current
            case .temperature: sample.temperature
            case .pressure: sample.pressure
            }
        }

        public var unitSymbol: String {
            switch self {
            case .voltage: "V"
            case .current: "A"
            case .temperature: "K"
            case .pressure: "Pa"
            }
        }
    }

    /// One bound: `voltage.max: 4.4 V` with an optional delay.
    public struct Limit: Sendable, Hashable {
        public var quantity: Quantity
        public var isMaximum: Bool
        /// SI value (V, A, K, Pa). Currents are signed: positive charges.
        public var value: Double
        /// Seconds the crossing must persist before the limit acts.
        public var delay: Double
        public var location: FileLocation

        public init(quantity: Quantity, isMaximum: Bool, value: Double, delay: Double = 0, location: FileLocation) {
            self.quantity = quantity
            self.isMaximum = isMaximum
            self.value = value
            self.delay = delay
            self.location = location
        }

        /// A reading that is not a number crosses every limit: a sensor that
        /// reports NaN cannot show that the quantity is inside it.
        public func isCrossed(by reading: Double) -> Bool {
            reading.isNaN || (isMaximum ? reading > value : reading < value)
        }

        public var summary: String {
            "\(quantity.rawValue) \(isMaximum ? "max" : "min") \(value) \(quantity.unitSymbol)"
        }
    }

    public var limits: [Limit]

    public init(limits: [Limit] = []) {
        self.limits = limits
    }

    /// The bound on `quantity` on one side, if the protocol set one.
    public func limit(_ quantity: Quantity, maximum: Bool) -> Limit? {
        limits.first { $0.quantity == quantity && $0.isMaximum == maximum }
    }
}

/// The three readings safety limits and the recorder look at, so both work on
/// `Instruments.Sample` and on test doubles alike.
public protocol SampleReading {
    var voltage: Double { get }
    var current: Double { get }
    var pressure: Double? { get }
    var temperature: Double? { get }
}
