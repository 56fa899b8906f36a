/// Where an arc comes from, judged by its capacitance (Irvine, Sinclair and
/// West 1990; shared/DOMAIN.md §1).
///
/// The published ranges are for a cell constant L/A of 1 cm⁻¹ and overlap
/// (grain boundary 1e-11–1e-8 F, surface layer 1e-9–1e-7 F); the boundaries
/// here split each overlap at its geometric middle.
public enum ArcOrigin: String, Sendable, Hashable, CaseIterable {
    /// Bulk (grain interior), ~1e-12 F.
    case bulk
    /// Grain boundary, 1e-11–1e-8 F.
    case grainBoundary = "grain boundary"
    /// Surface layer or interphase (SEI, contact layer), 1e-9–1e-7 F.
    case surfaceLayer = "surface layer"
    /// Electrode interface (double layer, charge transfer), 1e-7–1e-5 F.
    case electrodeInterface = "electrode interface"
    /// Electrochemical reaction or storage, ~1e-4 F.
    case reaction

    /// The origin of an arc whose capacitance, normalised to a cell constant
    /// of 1 cm⁻¹, is `capacitance` (F).
    public init(normalizedCapacitance capacitance: Double) {
        switch capacitance {
        case ..<1e-11: self = .bulk
        case ..<3e-9: self = .grainBoundary
        case ..<1e-7: self = .surfaceLayer
        case ..<3e-5: self = .electrodeInterface
        default: self = .reaction
        }
    }

    /// Whether the arc's resistance is ionic transport through the
    /// electrolyte, so that L/(R·A) is a conductivity.
    public var isTransport: Bool { self == .bulk || self == .grainBoundary }
}
