import Electrochemistry
import Numerics

/// One impedance spectrum with the conditions it was taken at, so spectra from
/// a temperature or pressure series can be analysed without the samples.
public struct SpectrumRecord: Sendable, Hashable, Codable {
    public var frequency: [Double]
    /// Ω.
    public var real: [Double]
    /// Ω; a capacitive arc is negative.
    public var imaginary: [Double]
    public var mode: EISSettings.Mode
    public var step: Int
    public var cycle: Int
    /// The step's label, so analyses can pick spectra (`before`, `after`).
    public var label: String?
    /// Conditions just before the sweep.
    public var voltage: Double
    public var current: Double
    public var temperature: Double?
    public var pressure: Double?

    public init(_ spectrum: ImpedanceSpectrum, mode: EISSettings.Mode, step: Int, cycle: Int, label: String?,
                voltage: Double, current: Double, temperature: Double?, pressure: Double?) {
        self.frequency = spectrum.points.map(\.frequency)
        self.real = spectrum.points.map(\.impedance.real)
        self.imaginary = spectrum.points.map(\.impedance.imaginary)
        self.mode = mode
        self.step = step
        self.cycle = cycle
        self.label = label
        self.voltage = voltage
        self.current = current
        self.temperature = temperature
        self.pressure = pressure
    }
}

/// A DC polarisation's current trace and the spectra around it.
public struct PolarisationRecord: Sendable, Hashable, Codable {
    public var mode: Polarisation.Mode
    /// ΔV applied (V).
    public var voltage: Double
    /// Seconds since the hold started, and current (A).
    public var time: [Double]
    public var current: [Double]
    /// Whether the steady-state criterion was met (or the hold timed out).
    public var reachedSteadyState: Bool
    /// The protocol's criterion: the current changed by less than `steadyChange`
    /// (a fraction) over `steadyWindow` seconds. Analyses judge steadiness by it too.
    public var steadyChange: Double
    public var steadyWindow: Double
    public var before: SpectrumRecord?
    public var after: SpectrumRecord?
    public var step: Int

    public init(mode: Polarisation.Mode, voltage: Double, time: [Double], current: [Double], reachedSteadyState: Bool,
                steadyChange: Double, steadyWindow: Double, before: SpectrumRecord?, after: SpectrumRecord?, step: Int) {
        self.mode = mode
        self.voltage = voltage
        self.time = time
        self.current = current
        self.reachedSteadyState = reachedSteadyState
        self.steadyChange = steadyChange
        self.steadyWindow = steadyWindow
        self.before = before
        self.after = after
        self.step = step
    }
}
