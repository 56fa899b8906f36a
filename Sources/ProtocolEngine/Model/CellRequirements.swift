import CyclerConfiguration

/// What a protocol needs to know about the cell it runs on.
///
/// Declaring `capacity: true` is what allows C-rates in the steps when the
/// protocol is validated on its own; on a real cell the cell file must then
/// carry the capacity, or the job is refused before it starts.
public struct CellRequirements: Sendable, Hashable {
    /// Cell kinds the protocol is written for; empty means any.
    public var kinds: [CellDescription.Kind]
    /// Chemistry tags the cell must carry (lower case).
    public var chemistry: [String]
    public var capacity: Bool
    public var area: Bool
    /// Electrolyte thickness, for conductivities.
    public var thickness: Bool
    public var location: FileLocation?

    public init(kinds: [CellDescription.Kind] = [], chemistry: [String] = [], capacity: Bool = false,
                area: Bool = false, thickness: Bool = false, location: FileLocation? = nil) {
        self.kinds = kinds
        self.chemistry = chemistry
        self.capacity = capacity
        self.area = area
        self.thickness = thickness
        self.location = location
    }
}
