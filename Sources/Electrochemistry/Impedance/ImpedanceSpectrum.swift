import Numerics

/// A measured or computed impedance spectrum.
public struct ImpedanceSpectrum: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        /// Frequency (Hz).
        public var frequency: Double
        /// Impedance (Ω); a capacitive arc has negative imaginary part.
        public var impedance: Complex<Double>
        public init(frequency: Double, impedance: Complex<Double>) {
            self.frequency = frequency
            self.impedance = impedance
        }
    }

    public var points: [Point]
    public init(points: [Point]) { self.points = points }

    /// Log-spaced frequencies from `start` to `end` (either order) with
    /// `perDecade` points per decade, both ends included, as EIS sweeps are set.
    public static func frequencies(from start: Double, to end: Double, perDecade: Int) -> [Double] {
        let decades = Double.log10(end / start)
        let count = max(1, Int((abs(decades) * Double(perDecade)).rounded())) + 1
        return (0..<count).map { start * Double.pow(10, decades * Double($0) / Double(count - 1)) }
    }
}
