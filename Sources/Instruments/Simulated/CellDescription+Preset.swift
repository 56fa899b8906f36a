import CellSimulator
import CyclerConfiguration
import Electrochemistry

extension CellDescription {
    /// What a simulator preset is, as a cell file would describe it: the same
    /// kinds, canonical chemistry tags, geometry, capacity, window and OCV
    /// curve, so a protocol validates against `--sim` as against a cell file.
    /// The simulator's cathode particles are spheres wherever they diffuse.
    public init(_ preset: CellDefinition) {
        let kind: Kind = switch preset.kind {
        case .full: .full
        case .symmetricLithium: .symmetricLithium
        case .ionBlocking: .ionBlocking
        }
        self.init(name: preset.name, kind: kind,
                  chemistry: [preset.positive.id, preset.electrolyte.id, preset.negative.id].map(ChemistryTag.canonical),
                  area: preset.area, electrolyteThickness: preset.electrolyteThickness,
                  capacity: preset.capacity > 0 ? preset.capacity : nil,
                  activeMass: preset.activeMass > 0 ? preset.activeMass : nil,
                  referenceOffset: preset.referenceOffset, voltageWindow: preset.cyclingWindow,
                  particleShape: preset.positive.solidDiffusivity > 0 ? .sphere : nil)
    }
}
