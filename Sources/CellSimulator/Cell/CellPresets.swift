/// Named simulated cells covering every electrolyte preset and cell type.
///
/// Names read cathode-electrolyte-anode; symmetric cells read `li-SE-li`.
public enum CellPresets {
    private static let cm2 = LabUnits.cm2, um = LabUnits.um, MPa = LabUnits.MPa

    /// Every preset, in display order.
    public static let all: [CellDefinition] = [
        full(.nmc811, .lpscl, .lithiumIndium, mAhPerCm2: 2.0, pressureMPa: 30,
             summary: "NMC811 | Li6PS5Cl | Li-In, 2 mAh/cm², the common sulfide test cell"),
        full(.lco, .lpscl, .lithiumIndium, mAhPerCm2: 1.5, pressureMPa: 30,
             summary: "LCO | Li6PS5Cl | Li-In, 1.5 mAh/cm²"),
        full(.nmc811, .lpscl, .lto, mAhPerCm2: 2.0, pressureMPa: 30,
             summary: "NMC811 | Li6PS5Cl | LTO: zero-strain anode shows the cathode shrinking on charge"),
        full(.lco, .lpscl, .lto, mAhPerCm2: 1.5, pressureMPa: 30,
             summary: "LCO | Li6PS5Cl | LTO: zero-strain anode shows the cathode expanding on charge"),
        full(.nmc811, .lps7, .lithium, mAhPerCm2: 1.0, pressureMPa: 5,
             summary: "NMC811 | Li7P3S11 | Li metal at 5 MPa"),
        full(.sulfur, .lps, .lithiumIndium, mAhPerCm2: 1.5, pressureMPa: 30,
             summary: "S | beta-Li3PS4 | Li-In, solid-state Li-S"),
        softPolymer(full(.lfp, .peo, .lithium, mAhPerCm2: 1.0, pressureMPa: 0.5, celsius: 60, electrolyteUm: 60,
                         summary: "LFP | PEO-LiTFSI | Li at 60 °C")),
        symmetric(.lpscl, pressureMPa: 5, summary: "Li | Li6PS5Cl | Li for plating/stripping and CCD ramps"),
        symmetric(.llzo, pressureMPa: 10, electrolyteUm: 1000, summary: "Li | LLZO | Li, dense garnet pellet with a grain-boundary arc"),
        symmetric(.lgps, pressureMPa: 5, summary: "Li | LGPS | Li: a fast-growing reduction interphase"),
        symmetric(.lps7, pressureMPa: 5, summary: "Li | Li7P3S11 | Li"),
        symmetric(.peo, pressureMPa: 0.2, celsius: 60, electrolyteUm: 100,
                  summary: "Li | PEO-LiTFSI | Li at 60 °C for Bruce–Vincent (t+ = 0.22)"),
        blocking(.lpscl, summary: "SS | Li6PS5Cl | SS for DC polarisation (electronic conductivity)"),
        blocking(.latp, electrode: .gold, summary: "Au | LATP | Au for Arrhenius series: resistive grain boundaries"),
        blocking(.lps, summary: "SS | beta-Li3PS4 | SS"),
    ]

    /// The preset called `name`, if any.
    public static func named(_ name: String) -> CellDefinition? {
        all.first { $0.name == name }
    }

    static func full(_ cathode: Electrode, _ se: ElectrolyteMaterial, _ anode: Electrode,
                     mAhPerCm2: Double, pressureMPa: Double, celsius: Double = 25,
                     electrolyteUm: Double = 500, summary: String) -> CellDefinition {
        let area = 0.785 * cm2 // a 10 mm die
        let capacity = mAhPerCm2 * LabUnits.mAh * area / cm2
        let mass = capacity / cathode.specificCapacity
        // Composite cathode: 70 % active by volume (the definition's default), active density 4.7 g/cm³.
        let cathodeThickness = mass / 0.7 / 4700 / area
        return CellDefinition(
            name: "\(cathode.id)-\(se.id)-\(anode.id)", summary: summary, electrolyte: se,
            positive: cathode, negative: anode, area: area, electrolyteThickness: electrolyteUm * um,
            cathodeThickness: cathodeThickness, lithiumThickness: anode.role == .anode ? 50 * um : 0,
            capacity: capacity, activeMass: mass, temperature: LabUnits.kelvin(celsius: celsius),
            stackPressure: pressureMPa * MPa, initialStateOfCharge: 0)
    }

    /// A PEO cell above its melting point (≈60 °C): the polymer is a soft
    /// rubber (modulus ≈1 MPa, so a 60 µm film adds ≈0.02 MPa per µm the
    /// electrodes grow), it flows within minutes, and it wets the electrodes
    /// with no need for pressure.
    static func softPolymer(_ cell: CellDefinition) -> CellDefinition {
        var soft = cell
        soft.stackStiffness = 0.02e12
        soft.creepTime = 600
        soft.contactFraction = 0.02
        return soft
    }

    static func symmetric(_ se: ElectrolyteMaterial, pressureMPa: Double, celsius: Double = 25,
                          electrolyteUm: Double = 500, summary: String) -> CellDefinition {
        CellDefinition(
            name: "li-\(se.id)-li", summary: summary, electrolyte: se,
            positive: .lithiumSymmetric, negative: .lithiumSymmetric, area: 0.785 * cm2,
            electrolyteThickness: electrolyteUm * um, cathodeThickness: 0, lithiumThickness: 100 * um,
            capacity: 0, activeMass: 0, temperature: LabUnits.kelvin(celsius: celsius),
            stackPressure: pressureMPa * MPa, initialStateOfCharge: 0)
    }

    static func blocking(_ se: ElectrolyteMaterial, electrode: Electrode = .blocking, summary: String) -> CellDefinition {
        CellDefinition(
            name: "ss-\(se.id)-ss", summary: summary, electrolyte: se,
            positive: electrode, negative: electrode, area: 0.785 * cm2,
            electrolyteThickness: 800 * um, cathodeThickness: 0, lithiumThickness: 0,
            capacity: 0, activeMass: 0, temperature: LabUnits.kelvin(celsius: 25),
            stackPressure: 50 * MPa, initialStateOfCharge: 0)
    }
}
