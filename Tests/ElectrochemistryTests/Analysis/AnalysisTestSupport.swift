import Electrochemistry
import Numerics

/// Boltzmann constant (eV/K) written out here, not taken from the code under test.
let boltzmann = 8.617333262e-5

/// A standard normal deviate (Box–Muller) from a seeded generator.
func gaussian(_ rng: inout SplitMix64) -> Double {
    let u = Double.random(in: Double.ulpOfOne..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
    return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
}

/// σ = σ₀/T·exp(−Eₐ/kT) at each temperature, with relative noise `noise`.
func arrheniusData(temperatures: [Double], prefactor: Double, activationEnergy: Double, noise: Double = 0,
                   seed: UInt64 = 1) -> [ConductivityMeasurement] {
    var rng = SplitMix64(seed: seed)
    return temperatures.map { t in
        let sigma = prefactor / t * Double.exp(-activationEnergy / (boltzmann * t))
        return ConductivityMeasurement(temperature: t, conductivity: sigma * Double.exp(noise * gaussian(&rng)))
    }
}

/// A trace sampled every `dt` seconds from `start` for `count` samples.
func trace(from start: Double = 0, dt: Double, count: Int, voltage: (Double) -> Double = { _ in 0 },
           current: (Double) -> Double) -> [TraceSample] {
    (1...count).map { k in
        let t = start + Double(k) * dt
        return TraceSample(time: t, voltage: voltage(t), current: current(t))
    }
}
