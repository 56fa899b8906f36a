import Electrochemistry

/// The output a potentiostat is asked to hold.
public enum SourceSetpoint: Sendable, Hashable {
    /// No current flows; the voltage is measured.
    case openCircuit
    /// Galvanostatic: hold `current` (A), stopping at the compliance voltages.
    case current(Double, voltageLimits: ClosedRange<Double>)
    /// Potentiostatic: hold `voltage` (V) with a current compliance (A, magnitude).
    case voltage(Double, currentLimit: Double)
}

/// What a potentiostat or source-measure unit can do.
public struct PotentiostatCapabilities: Sendable, Hashable, Codable {
    public var galvanostatic: Bool
    public var potentiostatic: Bool
    /// Potentiostatic and galvanostatic EIS.
    public var potentiostaticEIS: Bool
    public var galvanostaticEIS: Bool
    /// Largest current magnitude it can source (A).
    public var maximumCurrent: Double
    /// Voltage it can apply or measure (V).
    public var voltageRange: ClosedRange<Double>
    /// EIS frequency range (Hz), when it has EIS.
    public var frequencyRange: ClosedRange<Double>?
    /// Shortest sampling interval (s).
    public var minimumSampleInterval: Double

    public init(galvanostatic: Bool, potentiostatic: Bool, potentiostaticEIS: Bool, galvanostaticEIS: Bool,
                maximumCurrent: Double, voltageRange: ClosedRange<Double>, frequencyRange: ClosedRange<Double>?,
                minimumSampleInterval: Double) {
        self.galvanostatic = galvanostatic
        self.potentiostatic = potentiostatic
        self.potentiostaticEIS = potentiostaticEIS
        self.galvanostaticEIS = galvanostaticEIS
        self.maximumCurrent = maximumCurrent
        self.voltageRange = voltageRange
        self.frequencyRange = frequencyRange
        self.minimumSampleInterval = minimumSampleInterval
    }
}

/// An impedance sweep request.
public struct ImpedanceRequest: Sendable, Hashable {
    public var frequencies: [Double]
    public var excitation: EISExcitation

    /// A log sweep from `start` to `end` Hz, `perDecade` points per decade.
    public init(from start: Double, to end: Double, perDecade: Int, excitation: EISExcitation) {
        self.frequencies = ImpedanceSpectrum.frequencies(from: start, to: end, perDecade: perDecade)
        self.excitation = excitation
    }

    /// The given frequencies (Hz), in order.
    public init(frequencies: [Double], excitation: EISExcitation) {
        self.frequencies = frequencies
        self.excitation = excitation
    }
}

/// A potentiostat, galvanostat or SMU channel.
///
/// Samples are pulled: `nextSample()` returns the next reading at the
/// configured interval, which is how both streaming devices (MethodSCRIPT)
/// and polled ones (SCPI `:READ?`) behave, and lets a simulated bench run as
/// fast as its consumer.
public protocol Potentiostat: Instrument {
    var capabilities: PotentiostatCapabilities { get }
    /// Changes the output. Takes effect before the next sample.
    func apply(_ setpoint: SourceSetpoint) async throws
    /// Sets the sampling interval (s).
    func setSampleInterval(_ seconds: Double) async throws
    /// The next sample.
    func nextSample() async throws -> Sample
    /// The next sample if the instrument already holds it, taken at once;
    /// nil when it has to be awaited from `nextSample()`.
    ///
    /// A simulated bench computes samples ahead of its consumer, and for it
    /// an await per sample (an executor switch and a frame allocation, or
    /// several through wrappers) costs as much as the sample. Every real
    /// instrument answers nil.
    func takeBufferedSample() -> Sample?
    /// Runs an EIS sweep and returns the spectrum.
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum
}

extension Potentiostat {
    public func takeBufferedSample() -> Sample? { nil }
}

/// A stack-pressure (force) sensor.
public protocol PressureSensor: Instrument {
    /// Stack pressure now (Pa).
    func readPressure() async throws -> Double
}

/// A pressure rig with an actuator.
public protocol PressureActuator: PressureSensor {
    /// Sets the pressure the rig applies (Pa).
    func setPressure(_ pascal: Double) async throws
}

/// A temperature controller (chamber, hot plate, Peltier).
public protocol ThermalController: Instrument {
    /// Process value (K).
    func readTemperature() async throws -> Double
    /// Target (K).
    func setSetpoint(_ kelvin: Double) async throws
    /// Whether the process value has been within `band` K of the setpoint.
    func isStable(within band: Double) async throws -> Bool
}
