/// How much an electrode thickens per charge stored, from its chemistry tag
/// (DOMAIN.md §2), to give the stack-pressure model its starting point.
///
/// Anodes that take lithium on charge grow by a fixed thickness per areal
/// charge: Li metal 4.85 µm per mAh/cm²; Li-In 0.59 of that (molar volume
/// 7.7 against 13.0 cm³ per mol Li); LTO is zero-strain. Cathodes change
/// volume with state of charge: NMC111 −2 %, NMC622/811 −6 %, LCO +2 %,
/// Co-rich NCM < 1 %, LFP −6.5 %, and sulfur's composite shrinks by about a
/// third on charge (Li₂S → S). In a die the composite cannot spread sideways,
/// so its thickness takes the active fraction's whole volume change.
public enum ElectrodeStrain {
    /// 1 mAh/cm² of Li metal is 4.85 µm: metres per (C/m²).
    public static let lithiumThicknessPerArealCharge = 4.85e-6 / 36_000

    /// An anode's thickness gained per areal charge inserted (m per C/m²), by tag.
    public static let anodes: [String: Double] = [
        "li": lithiumThicknessPerArealCharge,
        "li-metal": lithiumThicknessPerArealCharge,
        "li-in": 0.59 * lithiumThicknessPerArealCharge,
        "lto": 0,
        "li4ti5o12": 0,
    ]

    /// A cathode's volume strain at full charge, its specific capacity (C/kg)
    /// and the density of the active material (kg/m³), by tag.
    public struct Cathode: Sendable, Hashable {
        public var volumeStrain: Double
        public var specificCapacity: Double
        public var density: Double
    }

    private static let mAhPerG = 3600.0

    public static let cathodes: [String: Cathode] = [
        "nmc111": Cathode(volumeStrain: -0.02, specificCapacity: 160 * mAhPerG, density: 4700),
        "nmc622": Cathode(volumeStrain: -0.06, specificCapacity: 180 * mAhPerG, density: 4700),
        "nmc811": Cathode(volumeStrain: -0.06, specificCapacity: 200 * mAhPerG, density: 4700),
        "ncm-co-rich": Cathode(volumeStrain: -0.008, specificCapacity: 160 * mAhPerG, density: 4800),
        "lco": Cathode(volumeStrain: 0.02, specificCapacity: 140 * mAhPerG, density: 5000),
        "lfp": Cathode(volumeStrain: -0.065, specificCapacity: 170 * mAhPerG, density: 3600),
        "s": Cathode(volumeStrain: -0.43, specificCapacity: 1675 * mAhPerG, density: 2070),
        "sulfur": Cathode(volumeStrain: -0.43, specificCapacity: 1675 * mAhPerG, density: 2070),
    ]

    /// Active volume fraction of a composite cathode (the rest is SE and carbon).
    public static let activeFraction = 0.7

    /// Stack growth per coulomb stored (m/C) for a cell's chemistry tags, or
    /// nil when no tag names a known anode or cathode.
    ///
    /// - Parameters:
    ///   - chemistry: the cell file's lower-case tags.
    ///   - area: electrode area (m²).
    ///   - capacity: nominal capacity (C), to turn a cathode's strain at full
    ///     charge into a strain per coulomb.
    ///   - activeMass: cathode active mass (kg); when absent it follows from the
    ///     capacity and the material's specific capacity.
    public static func growthPerCharge(chemistry: [String], area: Double, capacity: Double, activeMass: Double?) -> Double? {
        let anode = chemistry.lazy.compactMap { anodes[$0] }.first
        let cathode = chemistry.lazy.compactMap { cathodes[$0] }.first
        guard anode != nil || cathode != nil, area > 0, capacity > 0 else { return nil }
        var growth = (anode ?? 0) / area
        if let cathode {
            let mass = activeMass ?? capacity / cathode.specificCapacity
            let thickness = mass / (activeFraction * cathode.density * area)
            growth += cathode.volumeStrain * activeFraction * thickness / capacity
        }
        return growth
    }
}
