/// A solid electrolyte and the properties the simulator draws from it.
///
/// Values are taken from the ranges in shared/DOMAIN.md §3 (LGPS, argyrodite,
/// Li₇P₃S₁₁, β-Li₃PS₄, LLZO, LATP, PEO-LiTFSI); where the table gives a range,
/// the preset sits inside it and the comment says why.
public struct ElectrolyteMaterial: Sendable, Hashable {
    public var name: String
    /// Short id used in preset names, e.g. `lpscl`.
    public var id: String
    /// Bulk ionic conductivity against temperature.
    public var conductivity: ConductivityLaw
    /// Electronic conductivity at 25 °C (S/m).
    public var electronicConductivity: Double
    /// Activation energy of electronic conduction (eV).
    public var electronicActivationEnergy: Double
    /// Li⁺ transference number (1 for single-ion inorganic conductors).
    public var transferenceNumber: Double
    /// Salt diffusion coefficient for concentration polarisation (m²/s), at 25 °C.
    public var saltDiffusivity: Double
    /// Relative permittivity of the bulk (sets the geometric capacitance).
    public var relativePermittivity: Double
    /// Grain-boundary resistance as a fraction of bulk at 25 °C.
    public var grainBoundaryFraction: Double
    /// Extra activation energy of grain boundaries over bulk (eV).
    public var grainBoundaryExtraActivation: Double
    /// Grain-boundary capacitance per A/L (F/m), so C_gb = factor·A/L like a
    /// capacitor. Sulfides: ≈1e-10 F for a 10 mm, 500 µm pellet, so their arc
    /// lies above 1 MHz and the HF intercept reads the total conductivity, as in
    /// the lab; oxides: nF, so the grain-boundary arc shows inside the window.
    public var grainBoundaryCapacitanceFactor: Double
    /// Grain-boundary CPE exponent.
    public var grainBoundaryExponent: Double
    /// Critical current density at 25 °C and 10 MPa (A/m²) against Li metal.
    public var criticalCurrentDensity: Double
    /// Interface with lithium metal: ASR at 25 °C, 10 MPa (Ω·m²).
    public var lithiumInterfaceASR: Double
    /// Interphase growth against Li: ASR added after one hour at rest
    /// (Ω·m²/√h); it grows with √t (parabolic).
    public var lithiumInterphaseGrowth: Double
    /// Oxidation onset vs Li/Li⁺ (V): above it the cathode interphase grows faster.
    public var oxidationOnset: Double
    /// Areal capacitance of the electrolyte's side of an interface, its space
    /// charge (F/m²); it acts in series with the electrode's own, so each
    /// material pair has its own interface capacitance.
    public var spaceChargeCapacitance: Double
    /// Ionic resistivity (Ω·m) and relative permittivity of the interphase the
    /// electrolyte forms with an electrode: its thickness is its ASR over the
    /// resistivity, and its capacitance ε₀εᵣ/d falls as it grows.
    public var interphaseResistivity: Double
    public var interphasePermittivity: Double = 10

    /// Conductivity at `t` kelvin (S/m).
    public func ionicConductivity(at t: Double) -> Double { conductivity.conductivity(at: t) }
}

extension ElectrolyteMaterial {
    private static let t25 = 298.15

    /// Li₁₀GeP₂S₁₂: 12 mS/cm at 27 °C, Eₐ 0.22 eV; interphase with Li ≈250 Ω cm²,
    /// growing about ten times faster than Li₇P₃S₁₁'s. Oxidises at 2.14 V.
    public static let lgps = ElectrolyteMaterial(
        name: "Li10GeP2S12 (LGPS)", id: "lgps",
        conductivity: .arrhenius(conductivityAtReference: 1.0e-2 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.22),
        electronicConductivity: 5.7e-9 * LabUnits.sPerCm, electronicActivationEnergy: 0.45,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 40,
        grainBoundaryFraction: 0.1, grainBoundaryExtraActivation: 0.05,
        grainBoundaryCapacitanceFactor: 6e-10, grainBoundaryExponent: 0.9,
        criticalCurrentDensity: 0.6 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 250 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 60 * LabUnits.ohmCm2,
        oxidationOnset: 2.14,
        spaceChargeCapacitance: 60e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// Li₆PS₅Cl argyrodite: 1.3 mS/cm, Eₐ 0.35 eV, σₑ 4.5e-9 S/cm; CCD ≈1 mA/cm².
    public static let lpscl = ElectrolyteMaterial(
        name: "Li6PS5Cl (argyrodite)", id: "lpscl",
        conductivity: .arrhenius(conductivityAtReference: 1.3e-3 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.35),
        electronicConductivity: 4.5e-9 * LabUnits.sPerCm, electronicActivationEnergy: 0.45,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 35,
        grainBoundaryFraction: 0.1, grainBoundaryExtraActivation: 0.05,
        grainBoundaryCapacitanceFactor: 6e-10, grainBoundaryExponent: 0.9,
        criticalCurrentDensity: 1.0 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 40 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 6 * LabUnits.ohmCm2,
        oxidationOnset: 2.5,
        spaceChargeCapacitance: 100e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// Li₇P₃S₁₁ glass-ceramic: 5 mS/cm, Eₐ 0.18 eV; Li interface ≈125 Ω cm².
    public static let lps7 = ElectrolyteMaterial(
        name: "Li7P3S11", id: "lps7",
        conductivity: .arrhenius(conductivityAtReference: 5e-3 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.18),
        electronicConductivity: 3e-9 * LabUnits.sPerCm, electronicActivationEnergy: 0.45,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 30,
        grainBoundaryFraction: 0.1, grainBoundaryExtraActivation: 0.05,
        grainBoundaryCapacitanceFactor: 6e-10, grainBoundaryExponent: 0.9,
        criticalCurrentDensity: 1.0 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 125 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 6 * LabUnits.ohmCm2,
        oxidationOnset: 2.3,
        spaceChargeCapacitance: 80e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// β-Li₃PS₄: 0.18 mS/cm, Eₐ 0.35 eV, σₑ 2e-9 S/cm; interfacial R rises sharply
    /// above 4.3 V against NCM811 (oxidation onset modelled at 2.3 V vs Li for the SE itself).
    public static let lps = ElectrolyteMaterial(
        name: "beta-Li3PS4", id: "lps",
        conductivity: .arrhenius(conductivityAtReference: 1.8e-4 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.35),
        electronicConductivity: 2e-9 * LabUnits.sPerCm, electronicActivationEnergy: 0.45,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 30,
        grainBoundaryFraction: 0.1, grainBoundaryExtraActivation: 0.05,
        grainBoundaryCapacitanceFactor: 6e-10, grainBoundaryExponent: 0.9,
        criticalCurrentDensity: 0.7 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 60 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 6 * LabUnits.ohmCm2,
        oxidationOnset: 2.3,
        spaceChargeCapacitance: 50e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// Cubic Ta-doped LLZO: 0.5 mS/cm, Eₐ 0.40 eV, σₑ 1e-8 S/cm; dense pellets
    /// have a clear grain-boundary arc; CCD ≈0.5–0.6 mA/cm².
    public static let llzo = ElectrolyteMaterial(
        name: "Li7La3Zr2O12 (LLZO, Ta-doped)", id: "llzo",
        conductivity: .arrhenius(conductivityAtReference: 5e-4 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.40),
        electronicConductivity: 1e-8 * LabUnits.sPerCm, electronicActivationEnergy: 0.5,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 60,
        grainBoundaryFraction: 1.5, grainBoundaryExtraActivation: 0.08,
        grainBoundaryCapacitanceFactor: 1.27e-7, grainBoundaryExponent: 0.88,
        criticalCurrentDensity: 0.55 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 80 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 2 * LabUnits.ohmCm2,
        oxidationOnset: 4.5,
        spaceChargeCapacitance: 150e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// LATP: ~1 mS/cm bulk with resistive grain boundaries, Eₐ 0.35 eV.
    /// Reduced by Li metal, so it is used with blocking electrodes.
    public static let latp = ElectrolyteMaterial(
        name: "Li1.3Al0.3Ti1.7(PO4)3 (LATP)", id: "latp",
        conductivity: .arrhenius(conductivityAtReference: 1e-3 * LabUnits.sPerCm, referenceTemperature: t25, activationEnergy: 0.35),
        electronicConductivity: 1e-9 * LabUnits.sPerCm, electronicActivationEnergy: 0.5,
        transferenceNumber: 1, saltDiffusivity: 0, relativePermittivity: 40,
        grainBoundaryFraction: 2.0, grainBoundaryExtraActivation: 0.1,
        grainBoundaryCapacitanceFactor: 8e-8, grainBoundaryExponent: 0.85,
        criticalCurrentDensity: 0.3 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 2000 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 500 * LabUnits.ohmCm2,
        oxidationOnset: 4.5,
        spaceChargeCapacitance: 40e-6 / LabUnits.cm2, interphaseResistivity: 1e8)

    /// PEO-LiTFSI: VTF with T₀ = 200 K, B = 1300 K, giving ≈3e-6 S/cm at 25 °C
    /// and ≈1e-4 S/cm at 60 °C; t₊ ≈ 0.22; salt diffusivity ≈ 3e-12 m²/s at 60 °C.
    public static let peo = ElectrolyteMaterial(
        name: "PEO-LiTFSI", id: "peo",
        conductivity: .vtf(prefactor: 32 * LabUnits.sPerCm, pseudoActivation: 1300, idealGlassTemperature: 200),
        electronicConductivity: 1e-10 * LabUnits.sPerCm, electronicActivationEnergy: 0.5,
        transferenceNumber: 0.22, saltDiffusivity: 3e-12, relativePermittivity: 8,
        grainBoundaryFraction: 0, grainBoundaryExtraActivation: 0,
        grainBoundaryCapacitanceFactor: 1e-11, grainBoundaryExponent: 0.9,
        criticalCurrentDensity: 0.2 * LabUnits.mAPerCm2,
        lithiumInterfaceASR: 150 * LabUnits.ohmCm2, lithiumInterphaseGrowth: 5 * LabUnits.ohmCm2,
        oxidationOnset: 3.9,
        spaceChargeCapacitance: 30e-6 / LabUnits.cm2, interphaseResistivity: 1e7)

    /// Every material preset.
    public static let all: [ElectrolyteMaterial] = [.lgps, .lpscl, .lps7, .lps, .llzo, .latp, .peo]
}
