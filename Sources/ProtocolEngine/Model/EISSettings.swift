import Electrochemistry

/// An impedance sweep.
public struct EISSettings: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable, Codable {
        case potentiostatic
        case galvanostatic
    }

    public var mode: Mode
    /// Hz, in sweep order (usually high to low).
    public var startFrequency: Double
    public var endFrequency: Double
    public var pointsPerDecade: Int
    /// rms amplitude: V (potentiostatic) or A (galvanostatic; may be areal or a C-rate).
    public var amplitude: Quantity
    /// DC level held during the sweep: a voltage (potentiostatic) or current
    /// (galvanostatic); nil measures around open circuit.
    public var dcLevel: Quantity?
    /// Sweeps back to back.
    public var repeats: Int

    public init(mode: Mode, startFrequency: Double, endFrequency: Double, pointsPerDecade: Int,
                amplitude: Quantity, dcLevel: Quantity? = nil, repeats: Int = 1) {
        self.mode = mode
        self.startFrequency = startFrequency
        self.endFrequency = endFrequency
        self.pointsPerDecade = pointsPerDecade
        self.amplitude = amplitude
        self.dcLevel = dcLevel
        self.repeats = repeats
    }
}

/// A DC polarisation: hold ΔV until the current is steady.
///
/// `electronic` (ion-blocking electrodes) gives σₑ = I_ss·L/(ΔV·A);
/// `transference` (symmetric Li) wraps the hold in EIS before and after for
/// Bruce–Vincent's t₊ = I_s(ΔV − I₀R₀)/(I₀(ΔV − I_sR_s)).
public struct Polarisation: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable, Codable {
        case electronic
        case transference
    }

    public var mode: Mode
    /// ΔV (V).
    public var voltage: Double
    /// Steady when the mean current over `window` differs from the mean over
    /// the window before by less than this fraction.
    public var steadyChange: Double
    /// s.
    public var window: Double
    /// Longest hold (s); reaching it without a steady current fails the step.
    public var maximumDuration: Double
    /// The spectra around the hold (transference only).
    public var eis: EISSettings?

    public init(mode: Mode, voltage: Double, steadyChange: Double, window: Double, maximumDuration: Double,
                eis: EISSettings?) {
        self.mode = mode
        self.voltage = voltage
        self.steadyChange = steadyChange
        self.window = window
        self.maximumDuration = maximumDuration
        self.eis = eis
    }
}
