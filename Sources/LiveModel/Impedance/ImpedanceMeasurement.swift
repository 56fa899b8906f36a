import Numerics

/// One impedance spectrum as the live model receives it: when it was taken
/// (on the same clock as the samples) and its points.
public struct ImpedanceMeasurement: Sendable, Hashable {
    /// s: when the sweep started.
    public var time: Double
    /// Hz, in sweep order.
    public var frequencies: [Double]
    /// Ω; a capacitive arc has a negative imaginary part.
    public var impedance: [Complex<Double>]

    public init(time: Double, frequencies: [Double], impedance: [Complex<Double>]) {
        self.time = time
        self.frequencies = frequencies
        self.impedance = impedance
    }
}
