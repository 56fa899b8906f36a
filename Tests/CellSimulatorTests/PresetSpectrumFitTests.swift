import CellSimulator
import Electrochemistry
import Numerics
import Testing

/// Fits, with no initial guess, the spectrum the simulated potentiostat
/// measures on every preset (as `cyclerctl sim eis` does: 1 h rest, 10 mV,
/// default instrument noise), and compares with the cell's own
/// `ElectricalParameters`.
///
/// Each preset gets the circuit that describes what its 1 MHz–0.1 Hz window
/// shows, which is not always the simulator's full circuit:
/// - bulk and grain-boundary arcs with apexes above 1 MHz read as one
///   series resistance R0 = R_bulk + R_gb, unless the bulk apex lies within
///   1.5 decades of the top frequency: its tail then tilts the high-frequency
///   end by 3 % or more (−Z″/Z′ ≈ f_max/f_apex), which a series R0 cannot
///   describe and which the next arc absorbs instead (β-Li₃PS₄'s R1 came out
///   3 % high), so the bulk is fitted as p(R0,C0) (LLZO, β-Li₃PS₄, PEO);
/// - a full cell's anode and cathode interface arcs whose time constants lie
///   within 30× of each other merge into one arc R1 = R_neg + R_pos, whose
///   exponent has no single truth and is not compared;
/// - a finite Warburg whose τ is far beyond 1/ω_min is a semi-infinite W1
///   with A_W = Z₀/√(2τ) (not a resistance, so not compared);
/// - blocking cells end in their double layers, a CPE (its resistance lies
///   years beyond the window).
@Suite struct PresetSpectrumFitTests {
    /// What the fit must recover: a resistance (or sum of them) per parameter name, and exponents.
    struct Expectation {
        var circuit: String
        var resistances: [String: Double]
        var exponents: [String: Double]
        var weighting: FitWeighting = .modulus
    }

    /// Top of the measured window (Hz).
    static let highestFrequency = 1e6

    /// `p(R0,C0)` when the bulk arc's apex is within 1.5 decades of the top
    /// frequency, so its tail is visible; a series `R0` otherwise.
    static func bulkElement(_ p: ElectricalParameters) -> String {
        let apex = 1 / (2 * Double.pi * p.bulkResistance * p.bulkCapacitance)
        return apex < highestFrequency * Double.pow(10, 1.5) ? "p(R0,C0)" : "R0"
    }

    static func expectation(_ name: String, _ p: ElectricalParameters) -> Expectation {
        let series = p.bulkResistance + p.grainBoundaryResistance
        let interfaces = p.negativeResistance + p.positiveResistance
        let bulk = bulkElement(p)
        switch name {
        case "li-llzo-li":
            // The grain-boundary arc (apex ~40 kHz) is in the window: R0 is the bulk alone.
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)-p(R2,CPE2)",
                               resistances: ["R0": p.bulkResistance, "R1": p.grainBoundaryResistance, "R2": p.negativeResistance],
                               exponents: ["CPE1_1": p.grainBoundaryExponent, "CPE2_1": p.negativeExponent])
        case "ss-latp-ss":
            // The blocking layers' |Z| dwarfs the arc under modulus
            // weighting; proportional weighting gives the arc its say.
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)-CPE2",
                               resistances: ["R0": p.bulkResistance, "R1": p.grainBoundaryResistance],
                               exponents: ["CPE1_1": p.grainBoundaryExponent], weighting: .proportional)
        case "ss-lpscl-ss", "ss-lps-ss":
            // A series R0 even under β-Li₃PS₄'s bulk apex (10 MHz): started
            // from the spectrum alone, p(R0,C0)-CPE1 lands where C0 shunts a
            // huge R0 and the CPE takes the rest.
            return Expectation(circuit: "R0-CPE1", resistances: ["R0": series],
                               exponents: ["CPE1_1": p.negativeExponent])
        case "li-lpscl-li", "li-lgps-li", "li-lps7-li":
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)", resistances: ["R0": series, "R1": p.negativeResistance],
                               exponents: ["CPE1_1": p.negativeExponent])
        case "li-peo-li":
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)-W1", resistances: ["R0": series, "R1": p.negativeResistance],
                               exponents: ["CPE1_1": p.negativeExponent])
        case "nmc811-lps7-li":
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)-p(R2,CPE2)-W1",
                               resistances: ["R0": series, "R1": p.positiveResistance, "R2": p.negativeResistance],
                               exponents: [:], weighting: .unit)
        default:
            // Full cells: the arcs of a fresh cathode interface (three times
            // its formed ASR, and widened by the composite's ionic path) and of
            // the anode lie within 10× of each other and merge into one (with
            // Li metal and Li₇P₃S₁₁ too, and in LFP | PEO | Li, where the
            // salt's polarisation follows as a Warburg tail).
            return Expectation(circuit: "\(bulk)-p(R1,CPE1)-W1", resistances: ["R0": series, "R1": interfaces], exponents: [:])
        }
    }

    @Test(arguments: CellPresets.all.map(\.name))
    func recoversPresetResistancesWithoutAGuess(preset: String) throws {
        var definition = try #require(CellPresets.named(preset))
        definition.initialStateOfCharge = 0.5
        var cell = SimulatedCell(definition: definition, seed: 1)
        cell.step(current: 0, dt: 3600)
        // 5 points per decade keep the suite fast; the fit needs far fewer.
        let frequencies = ImpedanceSpectrum.frequencies(from: Self.highestFrequency, to: 0.1, perDecade: 5)
        let spectrum = cell.measureImpedance(frequencies: frequencies, excitation: .potentiostatic(amplitude: 0.01))
        let truth = cell.electrical
        let expected = Self.expectation(preset, truth)
        let data = try ImpedanceData(frequencies: spectrum.points.map(\.frequency), impedances: spectrum.points.map(\.impedance))
        let fit = try CircuitFitter(weighting: expected.weighting).fit(data, circuit: try Circuit(expected.circuit))
        for (name, value) in expected.resistances {
            let fitted = try #require(fit.value(name))
            #expect(abs(fitted / value - 1) < 0.03, "\(preset) \(expected.circuit): \(name) = \(fitted) Ω, truth \(value) Ω")
        }
        for (name, value) in expected.exponents {
            let fitted = try #require(fit.value(name))
            #expect(abs(fitted - value) < 0.03, "\(preset) \(expected.circuit): \(name) = \(fitted), truth \(value)")
        }
        // The cell is linear and nearly stationary over the sweep: lin-KK passes.
        let kk = LinearKramersKronig().validate(data)
        #expect(kk.passed, "\(preset): \(kk.reason)")
    }
}
