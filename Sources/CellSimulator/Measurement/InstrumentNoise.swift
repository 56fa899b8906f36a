/// Measurement noise and quantisation of a typical potentiostat channel and
/// its sensors. Scale it with `scaled(by:)`; 0 gives an ideal instrument.
public struct InstrumentNoise: Sendable, Hashable {
    /// Voltage noise, standard deviation (V).
    public var voltageSigma = 50e-6
    /// Voltage ADC resolution (V): 20 bits over ±10 V.
    public var voltageStep = 20.0 / 1_048_576
    /// Current noise relative to the reading, plus an absolute floor (A).
    public var currentRelativeSigma = 1e-4
    public var currentFloorSigma = 1e-9
    /// Current ADC resolution relative to the reading's range (≈ 18 bits).
    public var currentRelativeStep = 4e-6
    /// Pressure sensor noise (Pa) and temperature sensor noise (K).
    public var pressureSigma = 2e3
    public var temperatureSigma = 0.02

    public init() {}

    /// An ideal instrument: no noise, no quantisation.
    public static let none = InstrumentNoise().scaled(by: 0)

    /// Every noise term multiplied by `factor` (quantisation too).
    public func scaled(by factor: Double) -> InstrumentNoise {
        var n = self
        n.voltageSigma *= factor
        n.voltageStep *= factor
        n.currentRelativeSigma *= factor
        n.currentFloorSigma *= factor
        n.currentRelativeStep *= factor
        n.pressureSigma *= factor
        n.temperatureSigma *= factor
        return n
    }

    /// A voltage reading of `v` as the ADC reports it.
    public func voltage(_ v: Double, _ rng: inout SeededRandom) -> Double {
        quantise(v + voltageSigma * rng.gaussian(), step: voltageStep)
    }

    /// A current reading of `i`; the range follows the reading (autoranging).
    public func current(_ i: Double, _ rng: inout SeededRandom) -> Double {
        let range = max(abs(i), 1e-9)
        let noisy = i + (currentRelativeSigma * abs(i) + currentFloorSigma) * rng.gaussian()
        return quantise(noisy, step: currentRelativeStep * range)
    }

    /// A pressure reading (Pa).
    public func pressure(_ p: Double, _ rng: inout SeededRandom) -> Double {
        p + pressureSigma * rng.gaussian()
    }

    /// A temperature reading (K).
    public func temperature(_ t: Double, _ rng: inout SeededRandom) -> Double {
        t + temperatureSigma * rng.gaussian()
    }

    private func quantise(_ x: Double, step: Double) -> Double {
        step > 0 ? (x / step).rounded() * step : x
    }
}
