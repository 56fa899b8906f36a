/// The electrolyte's area and thickness, which turn resistances into
/// conductivities and area-specific resistances.
public struct SampleGeometry: Sendable, Hashable {
    /// Electrode area (m²).
    public var area: Double
    /// Electrolyte thickness (m).
    public var thickness: Double

    public init(area: Double, thickness: Double) {
        self.area = area
        self.thickness = thickness
    }

    /// L/A in cm⁻¹, the unit capacitance ranges are quoted for.
    public var cellConstantPerCentimetre: Double { thickness / area / 100 }

    /// σ = L/(R·A) (S/m).
    public func conductivity(resistance: Double) -> Double { thickness / (resistance * area) }

    /// ASR = R·A (Ω·m²).
    public func areaSpecificResistance(_ resistance: Double) -> Double { resistance * area }
}
