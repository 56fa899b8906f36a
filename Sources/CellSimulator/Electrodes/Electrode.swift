/// An electrode material: its potential against Li/Li⁺ and how it swells.
public struct Electrode: Sendable, Hashable {
    public var name: String
    /// Short id used in preset names.
    public var id: String
    public var role: Role
    /// Potential vs Li/Li⁺ against the cell's state of charge (0 = discharged).
    public var potential: OCVCurve
    /// Specific capacity (C/kg), for mAh/g figures.
    public var specificCapacity: Double
    /// Cathodes: thickness strain of the composite electrode at full charge
    /// (fraction; negative = shrinks on delithiation). In a die the composite
    /// cannot spread sideways, so its thickness takes the whole volume change
    /// of the active fraction (70 %). Anodes: unused.
    public var chargeStrain: Double
    /// Anodes: thickness gained per areal charge plated or inserted (m per C/m²).
    public var thicknessPerArealCharge: Double
    /// Radius of the active particles (m); 0 where Li is not stored by
    /// diffusion into particles (metal and alloy counter electrodes).
    public var particleRadius: Double = 0
    /// Solid-state Li diffusivity in the active particles at 25 °C (m²/s).
    public var solidDiffusivity: Double = 0
    /// Activation energy of the solid diffusivity (eV).
    public var diffusionActivation: Double = 0
    /// Irreversible charge of the first charge, as a fraction of the
    /// reversible capacity: the cathode interphase that forms on it.
    public var formationLoss: Double = 0
    /// Cathode/SE charge-transfer ASR at 25 °C and 10 MPa (Ω·m²).
    public var interfaceASR: Double
    /// Effective areal capacitance of the electrode interface (F/m²).
    public var interfaceCapacitance: Double
    /// CPE exponent of the electrode interface arc.
    public var interfaceExponent: Double
    /// Usual cycling window vs Li/Li⁺ (V), for cathodes (DOMAIN.md §1).
    public var cyclingWindow: ClosedRange<Double> = 0...0

    /// Weppner–Huggins diffusion time L²/D at 25 °C (s), with L = R/3 the
    /// particle's volume over its surface: what a GITT pulse reads.
    public var diffusionTime: Double {
        solidDiffusivity > 0 ? particleRadius * particleRadius / (9 * solidDiffusivity) : 0
    }

    public enum Role: Sendable, Hashable {
        /// Stores Li on charge removal (a cathode).
        case cathode
        /// Receives Li on charge (an anode or counter electrode).
        case anode
        /// Li metal used on both sides of a symmetric cell.
        case lithiumSymmetric
        /// Ion-blocking metal (stainless steel, Au): no faradaic reaction.
        case blocking
    }
}

extension Electrode {
    private static let mAhPerG = 3.6 / 1e-3

    /// NMC811 vs Li: 200 mAh/g theoretical, ~3.8 V mean; shrinks on charge
    /// (up to −6 % in volume, so −4.2 % of the composite's thickness).
    /// Polycrystalline secondary particles of ≈10 µm; D ≈ 3e-15 m²/s at 25 °C
    /// (GITT reports 1e-15–1e-14), Eₐ 0.4 eV. Uncoated on argyrodite, the first
    /// charge oxidises the electrolyte: first-cycle CE ≈ 84 % at C/10 (75–88 % reported).
    public static let nmc811 = Electrode(
        name: "LiNi0.8Mn0.1Co0.1O2 (NMC811)", id: "nmc811", role: .cathode,
        potential: OCVCurve([(0, 3.40), (0.02, 3.50), (0.05, 3.57), (0.1, 3.62), (0.2, 3.68), (0.3, 3.73),
                             (0.4, 3.78), (0.5, 3.83), (0.6, 3.89), (0.7, 3.96), (0.8, 4.04), (0.9, 4.13),
                             (0.95, 4.18), (1.0, 4.25)]),
        specificCapacity: 200 * mAhPerG, chargeStrain: -0.042, thicknessPerArealCharge: 0,
        particleRadius: 5e-6, solidDiffusivity: 3e-15, diffusionActivation: 0.4, formationLoss: 0.22,
        interfaceASR: 30 * LabUnits.ohmCm2, interfaceCapacitance: 2e-6 / LabUnits.cm2,
        interfaceExponent: 0.85, cyclingWindow: 3.0...4.25)

    /// NMC811 with a LiNbO₃ coating, as most sulfide labs use it: the coating
    /// keeps the electrolyte off the oxide, so the first charge forms less
    /// interphase (first-cycle CE ≈ 94 % at C/10).
    public static let nmc811Coated: Electrode = {
        var coated = nmc811
        coated.name = "LiNbO3-coated LiNi0.8Mn0.1Co0.1O2 (NMC811)"
        coated.id = "nmc811lno"
        coated.formationLoss = 0.08
        return coated
    }()

    /// LiCoO₂ vs Li: 140 mAh/g practical, 3.8–3.9 V plateau; expands on
    /// charge (+2 % in volume, so +1.4 % of the composite's thickness).
    /// ≈10 µm particles, D ≈ 1e-14 m²/s; first-cycle CE ≈ 90 %.
    public static let lco = Electrode(
        name: "LiCoO2 (LCO)", id: "lco", role: .cathode,
        potential: OCVCurve([(0, 3.55), (0.02, 3.75), (0.05, 3.85), (0.1, 3.88), (0.3, 3.90), (0.5, 3.92),
                             (0.7, 3.96), (0.85, 4.02), (0.95, 4.12), (1.0, 4.20)]),
        specificCapacity: 140 * mAhPerG, chargeStrain: 0.014, thicknessPerArealCharge: 0,
        particleRadius: 5e-6, solidDiffusivity: 1e-14, diffusionActivation: 0.35, formationLoss: 0.10,
        interfaceASR: 40 * LabUnits.ohmCm2, interfaceCapacitance: 2e-6 / LabUnits.cm2,
        interfaceExponent: 0.85, cyclingWindow: 3.0...4.2)

    /// LiFePO₄ vs Li: flat 3.45 V, 170 mAh/g; −6.5 % volume on charge (two-phase).
    /// Carbon-coated nanoparticles (≈200 nm) with an effective D ≈ 1e-17 m²/s;
    /// a small first-cycle loss (CE ≈ 97 %).
    public static let lfp = Electrode(
        name: "LiFePO4 (LFP)", id: "lfp", role: .cathode,
        potential: OCVCurve([(0, 2.90), (0.02, 3.25), (0.05, 3.38), (0.1, 3.42), (0.5, 3.45), (0.9, 3.47),
                             (0.95, 3.52), (0.98, 3.65), (1.0, 3.90)]),
        specificCapacity: 170 * mAhPerG, chargeStrain: -0.045, thicknessPerArealCharge: 0,
        particleRadius: 0.1e-6, solidDiffusivity: 1e-17, diffusionActivation: 0.4, formationLoss: 0.03,
        interfaceASR: 50 * LabUnits.ohmCm2, interfaceCapacitance: 3e-6 / LabUnits.cm2,
        interfaceExponent: 0.85, cyclingWindow: 2.5...3.9)

    /// Sulfur (S ↔ Li₂S) in a solid-state composite: one plateau near 2.1 V vs
    /// Li, 1675 mAh/g; S → Li₂S swells ≈80 % on discharge, so the composite
    /// (≈40 % sulfur) shrinks by about a third of that on charge. Sulfur
    /// domains of ≈2 µm in the carbon–electrolyte matrix are the particles.
    public static let sulfur = Electrode(
        name: "S / Li2S", id: "s", role: .cathode,
        potential: OCVCurve([(0, 1.75), (0.03, 1.95), (0.1, 2.05), (0.5, 2.15), (0.9, 2.25), (0.97, 2.40),
                             (1.0, 2.60)]),
        specificCapacity: 1675 * mAhPerG, chargeStrain: -0.3, thicknessPerArealCharge: 0,
        particleRadius: 1e-6, solidDiffusivity: 1e-15, diffusionActivation: 0.4, formationLoss: 0.05,
        interfaceASR: 80 * LabUnits.ohmCm2, interfaceCapacitance: 5e-6 / LabUnits.cm2,
        interfaceExponent: 0.8, cyclingWindow: 1.5...2.6)

    /// Li metal anode: 0 V, 3860 mAh/g; 4.85 µm per mAh/cm² plated.
    public static let lithium = Electrode(
        name: "Li metal", id: "li", role: .anode,
        potential: .constant(0), specificCapacity: 3860 * mAhPerG, chargeStrain: 0,
        thicknessPerArealCharge: PhysicalConstants.lithiumThicknessPerArealCharge,
        interfaceASR: 0, interfaceCapacitance: 1e-5 / LabUnits.cm2, interfaceExponent: 0.9)

    /// Li-In alloy anode at +0.62 V vs Li. In/LiIn two-phase: molar volume grows
    /// 7.7 cm³ per mol Li against Li metal's 13.0, so 0.59 × 4.85 µm per mAh/cm².
    public static let lithiumIndium = Electrode(
        name: "Li-In", id: "liin", role: .anode,
        potential: .constant(0.62), specificCapacity: 0, chargeStrain: 0,
        thicknessPerArealCharge: 0.59 * PhysicalConstants.lithiumThicknessPerArealCharge,
        interfaceASR: 0, interfaceCapacitance: 1e-5 / LabUnits.cm2, interfaceExponent: 0.9)

    /// Li₄Ti₅O₁₂, the zero-strain anode used to see a cathode's own breathing
    /// (Koerver et al.): flat 1.55 V vs Li.
    public static let lto = Electrode(
        name: "Li4Ti5O12 (LTO)", id: "lto", role: .anode,
        potential: .constant(1.55), specificCapacity: 175 * mAhPerG, chargeStrain: 0,
        thicknessPerArealCharge: 0, interfaceASR: 0,
        interfaceCapacitance: 1e-5 / LabUnits.cm2, interfaceExponent: 0.9)

    /// Li on both sides of a symmetric cell.
    public static let lithiumSymmetric = Electrode(
        name: "Li metal (symmetric)", id: "li", role: .lithiumSymmetric,
        potential: .constant(0), specificCapacity: 3860 * mAhPerG, chargeStrain: 0,
        thicknessPerArealCharge: PhysicalConstants.lithiumThicknessPerArealCharge,
        interfaceASR: 0, interfaceCapacitance: 1e-5 / LabUnits.cm2, interfaceExponent: 0.9)

    /// Stainless steel pressed on a pellet: blocks ions; a rough contact that
    /// touches part of the surface, so a double layer of ≈5 µF/cm², a CPE
    /// with n ≈ 0.85.
    public static let blocking = Electrode(
        name: "stainless steel (ion-blocking)", id: "ss", role: .blocking,
        potential: .constant(0), specificCapacity: 0, chargeStrain: 0, thicknessPerArealCharge: 0,
        interfaceASR: 0, interfaceCapacitance: 5e-6 / LabUnits.cm2, interfaceExponent: 0.85)

    /// Gold sputtered on a pellet: blocks ions and covers the whole surface,
    /// ≈10 µF/cm² (a CPE with n ≈ 0.85).
    public static let gold = Electrode(
        name: "gold (ion-blocking)", id: "au", role: .blocking,
        potential: .constant(0), specificCapacity: 0, chargeStrain: 0, thicknessPerArealCharge: 0,
        interfaceASR: 0, interfaceCapacitance: 1e-5 / LabUnits.cm2, interfaceExponent: 0.85)
}
