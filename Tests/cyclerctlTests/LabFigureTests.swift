import CyclerConfiguration
import Electrochemistry
import ProtocolEngine
import Testing

@testable import cyclerctl

/// results.json's `lab` figures and the run summary give each analysis value
/// as a paper would (mAh, mAh/g, mAh/cm², mWh, %, mS/cm, eV, mA/cm², Ω cm²,
/// °C, MPa) to 4 significant figures, whatever SI unit the analysis used.
@Suite struct LabFigureTests {
    /// 8 mg of cathode on 0.785 cm².
    static let cell = CellContext(CellDescription(name: "pellet", kind: .full, area: 0.785e-4, activeMass: 8e-6))

    static func texts(_ name: String, _ value: Double, _ unit: String, standardError: Double? = nil) -> [String] {
        LabFigure.figures(for: .init(name: name, value: value, unit: unit, standardError: standardError), cell: cell)
            .map { "\($0.name) = \($0.text)" }
    }

    @Test func capacitiesAreGivenPerCellPerGramAndPerSquareCentimetre() {
        // 5.7 C = 1.5833 mAh; /8 mg = 197.92 mAh/g; /0.785 cm² = 2.0170 mAh/cm².
        #expect(Self.texts("cycle 2: discharge capacity", 5.7, "C") == [
            "cycle 2: discharge capacity = 1.583 mAh", "cycle 2: specific discharge capacity = 197.9 mAh/g",
            "cycle 2: areal discharge capacity = 2.017 mAh/cm²",
        ])
    }

    @Test func eachDimensionIsGivenInItsLabUnit() {
        #expect(Self.texts("discharge energy", 18, "J") == ["discharge energy = 5 mWh"])
        #expect(Self.texts("σ at 25.0 °C", 0.1137, "S/m") == ["σ at 25.0 °C = 1.137 mS/cm"])
        #expect(Self.texts("CCD", 8, "A/m²") == ["CCD = 0.8 mA/cm²"])
        #expect(Self.texts("ASR_HF at 5.0 MPa", 2.5e-3, "Ω m²") == ["ASR_HF at 5.0 MPa = 25 Ω·cm²"])
        #expect(Self.texts("VTF T0", 200, "K") == ["VTF T0 = -73.15 °C"])
        #expect(Self.texts("stack pressure", 5e6, "Pa") == ["stack pressure = 5 MPa"])
        #expect(Self.texts("R_interface", 1234.6, "Ω") == ["R_interface = 1.235 kΩ"])
    }

    /// Eₐ comes from the fit in eV already: it stays in eV (not read as joules).
    @Test func activationEnergiesStayInElectronvolts() {
        #expect(Self.texts("Ea", 0.3512, "eV") == ["Ea = 0.3512 eV"])
    }

    /// A value the analysis gave a standard error for is printed with it, in the same unit.
    @Test func standardErrorsArePrintedBesideTheirValues() {
        #expect(Self.texts("Ea", 0.3512, "eV", standardError: 0.00213) == ["Ea = 0.3512 ± 0.0021 eV"])
        #expect(Self.texts("t+", 0.41234, "1", standardError: 0.0123) == ["t+ = 0.4123 ± 0.012"])
        #expect(Self.texts("R0", 2373, "Ω", standardError: 41) == ["R0 = 2.373 ± 0.041 kΩ"])
        // A difference of temperatures is the same in °C as in K.
        #expect(Self.texts("VTF T0", 200, "K", standardError: 1.5) == ["VTF T0 = -73.15 ± 1.5 °C"])
        let figure = LabFigure.figures(for: .init(name: "R0", value: 2373, unit: "Ω", standardError: 41), cell: Self.cell)
        #expect(figure.map(\.standardError) == [0.041])
    }

    /// Electronic conductivities are nS/cm and below: S/cm, as papers give them.
    @Test func smallConductivitiesAreGivenInSiemensPerCentimetre() {
        #expect(Self.texts("σe", 4.842e-7, "S/m") == ["σe = 4.842e-09 S/cm"])
    }

    @Test func efficienciesRetentionAndSOCArePercentagesOtherRatiosFractions() {
        #expect(Self.texts("coulombic efficiency", 0.98765, "1") == ["coulombic efficiency = 98.77 %"])
        #expect(Self.texts("cycle 3: retention", 0.9966, "1") == ["cycle 3: retention = 99.66 %"])
        #expect(Self.texts("SOC change since the train started pulse 2 from 2.831 V", 0.008334, "1")
            == ["SOC change since the train started pulse 2 from 2.831 V = 0.8334 %"])
        #expect(Self.texts("t+", 0.41234, "1") == ["t+ = 0.4123"])
    }
}
