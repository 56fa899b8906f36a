import Numerics

/// What a fitted circuit says about the cell: each arc assigned to bulk, grain
/// boundary, surface layer or electrode interface by its effective
/// capacitance, and, given the geometry, conductivities and ASRs.
public struct SpectrumInterpretation: Sendable, Hashable {
    /// One `p(R,C)` or `p(R,CPE)` of the fitted circuit.
    public struct Arc: Sendable, Hashable {
        /// The arc as written in the circuit, e.g. `p(R1,CPE1)`.
        public var label: String
        /// Name of its resistance parameter, e.g. `R1`.
        public var resistanceName: String
        public var resistance: Double
        /// C for a capacitor; (R·Q)^(1/n)/R for a CPE (Brug/Hsu–Mansfeld).
        public var effectiveCapacitance: Double
        /// Frequency of the arc's apex, 1/(2π(R·Q)^(1/n)) (Hz).
        public var apexFrequency: Double
        public var origin: ArcOrigin
        /// R·A (Ω·m²), with geometry.
        public var areaSpecificResistance: Double?
        /// L/(R·A) (S/m), with geometry, for bulk and grain-boundary arcs.
        public var conductivity: Double?
    }

    public var arcs: [Arc]
    /// Sum of the series resistances: the HF intercept (Ω).
    public var seriesResistance: Double?
    /// L/(R_series·A) (S/m), with geometry: the total conductivity when the
    /// bulk arc lies above the measured window, as it does for sulfides.
    public var seriesConductivity: Double?
    /// Whether capacitances were normalised by the geometry's cell constant;
    /// without geometry 1 cm⁻¹ is assumed.
    public var normalized: Bool

    /// Interprets `fit`, optionally with the sample's geometry.
    public init(_ fit: CircuitFit, geometry: SampleGeometry? = nil) {
        let anatomy = CircuitAnatomy(fit.circuit)
        let p = fit.parameters
        let cellConstant = geometry?.cellConstantPerCentimetre ?? 1
        arcs = anatomy.arcs.map { arc in
            let r = p[arc.resistanceIndex]
            let tau = arc.timeConstant(p), c = arc.effectiveCapacitance(p)
            let origin = ArcOrigin(normalizedCapacitance: c * cellConstant)
            return Arc(label: "p(\(arc.resistor.name),\(arc.capacitive.name))", resistanceName: arc.resistor.name,
                       resistance: r, effectiveCapacitance: c, apexFrequency: 1 / (2 * Double.pi * tau), origin: origin,
                       areaSpecificResistance: geometry?.areaSpecificResistance(r),
                       conductivity: origin.isTransport ? geometry?.conductivity(resistance: r) : nil)
        }
        let series = anatomy.seriesResistors.map { p[$0.parameterOffset] }
        seriesResistance = series.isEmpty ? nil : series.reduce(0, +)
        seriesConductivity = seriesResistance.flatMap { r in geometry?.conductivity(resistance: r) }
        normalized = geometry != nil
    }
}
