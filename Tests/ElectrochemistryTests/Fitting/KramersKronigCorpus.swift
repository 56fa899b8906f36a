import Numerics
@testable import Electrochemistry

/// The two corpora the lin-KK verdict is judged on, drawn from fixed seeds:
/// spectra of impedance.py-style circuits that are Kramers–Kronig valid but
/// carry 1 % proportional noise, and quiet (0.2 %) spectra of cells whose
/// resistance drifts 15–40 % during the sweep.
enum KramersKronigCorpus {
    /// A circuit and the indices of the resistances that may drift.
    struct Template {
        var circuit: String
        var resistances: [Int]
    }

    static let templates: [Template] = [
        Template(circuit: "R0-p(R1,C1)", resistances: [0, 1]),
        Template(circuit: "R0-p(R1,CPE1)", resistances: [0, 1]),
        Template(circuit: "R0-p(R1,CPE1)-p(R2,CPE2)", resistances: [0, 1, 4]),
        Template(circuit: "R0-p(R1,CPE1)-W1", resistances: [0, 1]),
        Template(circuit: "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", resistances: [0, 1, 4, 7]),
        Template(circuit: "L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1", resistances: [1, 2, 5]),
    ]

    /// 1 MHz to 0.1 Hz, 10 points per decade, swept from the top as instruments do.
    static let frequencies = SyntheticSpectra.frequencies

    /// s: when each point is measured, a few periods per point, so most of
    /// the sweep's time (and drift) falls on the lowest frequencies.
    static let elapsed: [Double] = {
        var clock = 0.0
        return frequencies.map { clock += 6 / $0; return clock }
    }()

    static func logUniform(_ low: Double, _ high: Double, _ random: inout SplitMix64) -> Double {
        Double.exp(Double.random(in: Double.log(low)...Double.log(high), using: &random))
    }

    /// Parameters with every arc's apex inside the window.
    static func draw(_ template: Template, _ random: inout SplitMix64) -> [Double] {
        let r0 = logUniform(10, 100, &random), r1 = logUniform(50, 500, &random)
        let n1 = Double.random(in: 0.8...0.95, using: &random)
        let tau1 = logUniform(1e-6, 1e-5, &random)
        let arc1 = [r1, SyntheticSpectra.cpeQ(tau: tau1, r: r1, n: n1), n1]
        let r2 = logUniform(100, 1000, &random), n2 = Double.random(in: 0.75...0.9, using: &random)
        let arc2 = [r2, SyntheticSpectra.cpeQ(tau: tau1 * logUniform(100, 300, &random), r: r2, n: n2), n2]
        switch template.circuit {
        case "R0-p(R1,C1)": return [r0, r1, logUniform(1e-6, 1e-2, &random) / r1]
        case "R0-p(R1,CPE1)":
            let tau = logUniform(1e-6, 1e-2, &random)
            return [r0, r1, SyntheticSpectra.cpeQ(tau: tau, r: r1, n: n1), n1]
        case "R0-p(R1,CPE1)-p(R2,CPE2)": return [r0] + arc1 + arc2
        case "R0-p(R1,CPE1)-W1": return [r0] + arc1 + [logUniform(10, 300, &random)]
        case "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1": return [r0] + arc1 + arc2 + [logUniform(300, 1000, &random), logUniform(1, 3, &random)]
        default: return [logUniform(1e-7, 1e-6, &random), r0] + arc1 + arc2 + [logUniform(10, 100, &random)]
        }
    }

    /// `count` valid spectra with Gaussian noise of 1 % of |Z| on each part.
    static func valid(count: Int, seed: UInt64) throws -> [ImpedanceData] {
        var random = SplitMix64(seed: seed)
        return try (0..<count).map { k in
            let template = templates[k % templates.count]
            let circuit = try Circuit(template.circuit)
            let truth = draw(template, &random)
            return try spectrum(noise: 0.01, &random) { circuit.impedance(frequency: frequencies[$0], parameters: truth) }
        }
    }

    /// `count` spectra of cells one of whose resistances grows linearly in
    /// time by 15–40 % over the sweep, with 0.2 % noise.
    static func drifting(count: Int, seed: UInt64) throws -> [ImpedanceData] {
        var random = SplitMix64(seed: seed)
        return try (0..<count).map { k in
            let template = templates[k % templates.count]
            let circuit = try Circuit(template.circuit)
            let truth = draw(template, &random)
            let drifting = template.resistances[Int.random(in: 0..<template.resistances.count, using: &random)]
            let growth = Double.random(in: 0.15...0.40, using: &random)
            return try spectrum(noise: 0.002, &random) { point in
                var p = truth
                p[drifting] *= 1 + growth * elapsed[point] / elapsed[elapsed.count - 1]
                return circuit.impedance(frequency: frequencies[point], parameters: p)
            }
        }
    }

    private static func spectrum(noise: Double, _ random: inout SplitMix64,
                                 _ exact: (Int) -> Complex<Double>) throws -> ImpedanceData {
        let z = frequencies.indices.map { point in
            let clean = exact(point), m = clean.length
            return clean + Complex(noise * m * SyntheticSpectra.gaussian(&random), noise * m * SyntheticSpectra.gaussian(&random))
        }
        return try ImpedanceData(frequencies: frequencies, impedances: z)
    }
}
