import Instruments

/// A sample as stored: the reading plus where in the protocol it was taken.
public struct RecordedSample: Sendable, Hashable, Codable {
    /// Instrument time (s).
    public var time: Double
    public var voltage: Double
    /// A, positive charges.
    public var current: Double
    public var pressure: Double?
    public var temperature: Double?
    /// Sequential number of the step run (1 for the first step the job ran).
    public var step: Int
    /// The cycle (see `Loop`: 0 before the first counted cycle).
    public var cycle: Int
    /// Time since the step started (s).
    public var stepTime: Double
    /// Charge since the step started (C, signed).
    public var stepCharge: Double

    public init(_ sample: Sample, step: Int, cycle: Int, stepTime: Double, stepCharge: Double) {
        self.time = sample.time
        self.voltage = sample.voltage
        self.current = sample.current
        self.pressure = sample.pressure
        self.temperature = sample.temperature
        self.step = step
        self.cycle = cycle
        self.stepTime = stepTime
        self.stepCharge = stepCharge
    }
}

extension Sample: SampleReading {}
