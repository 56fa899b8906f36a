import Numerics
@testable import Electrochemistry

/// Spectra computed from known parameters, with seeded Gaussian noise.
enum SyntheticSpectra {
    /// A circuit, its true parameters, and the frequencies a lab would sweep.
    struct Case: CustomStringConvertible {
        var circuit: String
        var truth: [Double]
        var description: String { circuit }
    }

    /// The four circuits the issue asks for, with parameters the Cramér–Rao
    /// bound says a 1 MHz–0.1 Hz sweep can recover: arcs' apexes inside the
    /// window and ≥100× apart, the finite Warburg's τ short enough that its
    /// capacitive end is measured.
    static let cases: [Case] = [
        Case(circuit: "R0-p(R1,CPE1)", truth: [50, 500, cpeQ(tau: 1e-4, r: 500, n: 0.85), 0.85]),
        Case(circuit: "R0-p(R1,CPE1)-p(R2,CPE2)",
             truth: [20, 200, cpeQ(tau: 1e-5, r: 200, n: 0.9), 0.9, 800, cpeQ(tau: 1e-2, r: 800, n: 0.8), 0.8]),
        Case(circuit: "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1",
             truth: [30, 150, cpeQ(tau: 3e-6, r: 150, n: 0.92), 0.92, 400, cpeQ(tau: 1e-3, r: 400, n: 0.85), 0.85, 500, 1.0]),
        Case(circuit: "L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1",
             truth: [1e-6, 20, 100, cpeQ(tau: 2e-6, r: 100, n: 0.9), 0.9, 600, cpeQ(tau: 5e-4, r: 600, n: 0.82), 0.82, 40]),
    ]

    /// Q of a ZARC with time constant τ: R·Q = τⁿ.
    static func cpeQ(tau: Double, r: Double, n: Double) -> Double { Double.pow(tau, n) / r }

    /// 1 MHz to 0.1 Hz, 10 points per decade.
    static let frequencies = logSpace(from: 0.1, to: 1e6, perDecade: 10).reversed().map { $0 }

    /// The circuit's spectrum with Gaussian noise of `noise`·|Z| on each part.
    static func spectrum(_ circuit: Circuit, _ parameters: [Double], noise: Double, seed: UInt64,
                         frequencies: [Double] = frequencies) throws -> ImpedanceData {
        var random = SplitMix64(seed: seed)
        let z = frequencies.map { f in
            let exact = circuit.impedance(frequency: f, parameters: parameters)
            let m = exact.length
            return exact + Complex(noise * m * gaussian(&random), noise * m * gaussian(&random))
        }
        return try ImpedanceData(frequencies: frequencies, impedances: z)
    }

    /// Standard normal by Box–Muller.
    static func gaussian(_ random: inout SplitMix64) -> Double {
        let u1 = max(Double(random.next() >> 11) * 0x1.0p-53, 1e-300)
        let u2 = Double(random.next() >> 11) * 0x1.0p-53
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }
}
