import CellSimulator
@testable import cyclerctl
import Foundation
import Testing

/// `sim presets` gives each preset's CCD at its own pressure and temperature.
@Suite struct SimPresetsTests {
    @Test func everyCellThatPlatesLithiumHasACCDAndNoOtherDoes() throws {
        for definition in CellPresets.all {
            let summary = PresetSummary(definition)
            let plates = definition.kind == .symmetricLithium || definition.hasLithiumMetal
            #expect((summary.criticalCurrentDensity_mA_per_cm2 != nil) == plates, "\(definition.name)")
        }
    }

    /// The simulator's CCD scales as P^0.3 about 10 MPa: li-lpscl-li at its 5 MPa
    /// reads 0.5^0.3 of the electrolyte's CCD quoted at 10 MPa (25 °C, its reference).
    @Test func theCCDIsTheOneAtThePresetsPressure() throws {
        let definition = try #require(CellPresets.named("li-lpscl-li"))
        let ccd = try #require(PresetSummary(definition).criticalCurrentDensity_mA_per_cm2)
        let quoted = definition.electrolyte.criticalCurrentDensity / 10
        #expect(abs(ccd / (quoted * pow(definition.stackPressure / 10e6, 0.3)) - 1) < 1e-12)
        let json = try JSONEncoder().encode(PresetSummary(definition))
        #expect(String(decoding: json, as: UTF8.self).contains("criticalCurrentDensity_mA_per_cm2"))
    }
}
