import Electrochemistry
import Numerics
import Testing

@Suite struct ArrheniusFitTests {
    let temperatures = stride(from: 253.15, through: 373.15, by: 10).map { $0 }

    @Test func noiseFreeDataGiveTheExactActivationEnergy() throws {
        let fit = try ArrheniusFit.fit(arrheniusData(temperatures: temperatures, prefactor: 3e5, activationEnergy: 0.35))
        #expect(abs(fit.activationEnergy - 0.35) < 1e-10)
        #expect(abs(fit.prefactor / 3e5 - 1) < 1e-8)
        #expect(fit.rSquared > 1 - 1e-12)
        #expect(fit.activationEnergyStandardError < 1e-10)
        #expect(fit.temperatureRange == 253.15...373.15)
        #expect(abs(fit.conductivity(at: 300) - 3e5 / 300 * Double.exp(-0.35 / (boltzmann * 300))) < 1e-12)
    }

    /// With 2 % noise the error bar is honest: the truth lies within 3 standard
    /// errors for each of several seeds, and the error is of the size the
    /// noise implies.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func standardErrorCoversTheTruth(seed: UInt64) throws {
        let data = arrheniusData(temperatures: temperatures, prefactor: 3e5, activationEnergy: 0.22, noise: 0.02, seed: seed)
        let fit = try ArrheniusFit.fit(data)
        #expect(abs(fit.activationEnergy - 0.22) < 3 * fit.activationEnergyStandardError)
        #expect(fit.activationEnergyStandardError > 5e-4 && fit.activationEnergyStandardError < 5e-3)
    }

    @Test func resistanceAndGeometryGiveConductivity() {
        // 500 µm, 0.785 cm², 49 Ω: σ = L/(R·A) = 0.13 S/m.
        let m = ConductivityMeasurement(temperature: 298.15, resistance: 49, thickness: 500e-6, area: 0.785e-4)
        #expect(abs(m.conductivity - 500e-6 / (49 * 0.785e-4)) < 1e-15)
    }

    @Test func badInputNamesThePointAndField() {
        #expect(throws: AnalysisError(.tooFewPoints, "an Arrhenius fit needs at least 2 temperatures; got 1")) {
            try ArrheniusFit.fit([ConductivityMeasurement(temperature: 300, conductivity: 1)])
        }
        do {
            _ = try ArrheniusFit.fit([.init(temperature: 300, conductivity: 1), .init(temperature: 310, conductivity: -2)])
            Issue.record("a negative conductivity was accepted")
        } catch {
            #expect(error.code == .notPositive && error.index == 1 && error.field == "conductivity")
        }
        do {
            _ = try ArrheniusFit.fit([.init(temperature: .nan, conductivity: 1), .init(temperature: 310, conductivity: 2)])
            Issue.record("a NaN temperature was accepted")
        } catch {
            #expect(error.code == .notFinite && error.index == 0 && error.field == "temperature")
        }
        #expect(throws: AnalysisError.self) {
            try ArrheniusFit.fit([.init(temperature: 300, conductivity: 1), .init(temperature: 300, conductivity: 2)])
        }
    }
}
