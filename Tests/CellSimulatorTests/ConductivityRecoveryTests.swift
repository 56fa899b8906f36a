import CellSimulator
import Electrochemistry
import Numerics
import Testing

/// The HF intercept of a simulated spectrum gives back the electrolyte's
/// conductivity, and two temperatures give back its activation energy.
@Suite struct ConductivityRecoveryTests {
    /// Measures a noise-free spectrum after a day at rest and reads σ from its
    /// HF intercept; also returns the σ a lab would expect to read: bulk when
    /// the grain-boundary arc shows inside the 1 MHz window, bulk plus grain
    /// boundary when it lies above it.
    ///
    /// Full cells are measured at half charge: discharged, the OCV's steep end
    /// (100 V per unit SOC) lets the cathode particles' diffusion reach 1 MHz
    /// with 0.3 Ω, 3 % of Li₇P₃S₁₁'s 13 Ω; a lab reads σ away from the ends too.
    static func measuredConductivity(_ definition: CellDefinition) -> (measured: Double, expected: Double) {
        var halfCharged = definition
        if definition.kind == .full { halfCharged.initialStateOfCharge = 0.5 }
        var cell = SimulatedCell(definition: halfCharged, seed: 3)
        for _ in 0..<24 { cell.step(current: 0, dt: 3600) }
        let p = cell.electrical
        let spectrum = cell.measureImpedance(frequencies: ImpedanceSpectrum.frequencies(from: 1e6, to: 0.1, perDecade: 10),
                                             excitation: .potentiostatic(amplitude: 0.005), noise: .none)
        let intercept = HighFrequencyIntercept.estimate(spectrum.points.map { ($0.frequency, $0.impedance) })!
        let gbApex = 1 / (2 * Double.pi * p.grainBoundaryTime)
        let ohmic = gbApex < 3e5 ? p.bulkResistance : p.bulkResistance + p.grainBoundaryResistance
        let geometry = definition.electrolyteThickness / definition.area
        return (geometry / intercept, geometry / ohmic)
    }

    @Test(arguments: CellPresets.all.map(\.name))
    func highFrequencyInterceptGivesConductivity(preset: String) throws {
        let definition = try #require(CellPresets.named(preset))
        let (measured, expected) = Self.measuredConductivity(definition)
        #expect(abs(measured / expected - 1) < 0.02, "σ from intercept \(measured) S/m vs \(expected) S/m")
        // The expected value is the material's own σ(T) up to its grain boundaries.
        let bulk = definition.electrolyte.ionicConductivity(at: definition.temperature)
        #expect(expected <= bulk * 1.0001 && expected >= bulk / (1 + definition.electrolyte.grainBoundaryFraction * 1.01) * 0.9999)
    }

    @Test(arguments: [("li-llzo-li", 273.15, 313.15), ("li-lpscl-li", 298.15, 353.15), ("li-lgps-li", 273.15, 333.15)])
    func twoTemperaturesGiveActivationEnergy(preset: String, cold: Double, hot: Double) throws {
        var definition = try #require(CellPresets.named(preset))
        definition.temperature = cold
        let sigmaCold = Self.measuredConductivity(definition).measured
        definition.temperature = hot
        let sigmaHot = Self.measuredConductivity(definition).measured
        // σ = σ₀/T·exp(−Eₐ/kT): the slope of ln(σT) against 1/T is −Eₐ/k.
        let slope = (Double.log(sigmaHot * hot) - Double.log(sigmaCold * cold)) / (1 / hot - 1 / cold)
        let ea = -slope * PhysicalConstants.boltzmannEV
        let truth = try #require(definition.electrolyte.conductivity.activationEnergy)
        #expect(abs(ea - truth) < 0.01, "Eₐ \(ea) eV vs \(truth) eV")
    }
}
