import CellSimulator
import Configuration
import Electrochemistry

/// The cell facts that turn a protocol's relative quantities (C-rates,
/// current densities) into amperes.
///
/// A context is either a real cell's (from a cell file or a simulator preset)
/// or, when a protocol is validated on its own, nominal: the properties its
/// `requires:` block declares are present with placeholder values, so
/// dimensions can be checked but magnitudes cannot.
public struct CellContext: Sendable, Hashable {
    public var name: String
    public var kind: CellDescription.Kind?
    public var chemistry: [String]
    /// m².
    public var area: Double?
    /// C.
    public var capacity: Double?
    /// kg.
    public var activeMass: Double?
    /// Electrolyte thickness (m).
    public var thickness: Double?
    /// Placeholder values: only dimensions are meaningful.
    public var isNominal: Bool

    public init(name: String, kind: CellDescription.Kind?, chemistry: [String] = [], area: Double? = nil,
                capacity: Double? = nil, activeMass: Double? = nil, thickness: Double? = nil, isNominal: Bool = false) {
        self.name = name
        self.kind = kind
        self.chemistry = chemistry
        self.area = area
        self.capacity = capacity
        self.activeMass = activeMass
        self.thickness = thickness
        self.isNominal = isNominal
    }

    /// A cell file's facts.
    public init(_ cell: CellDescription) {
        self.init(name: cell.name, kind: cell.kind, chemistry: cell.chemistry, area: cell.area, capacity: cell.capacity,
                  activeMass: cell.activeMass, thickness: cell.electrolyteThickness)
    }

    /// A simulator preset's facts; symmetric and blocking presets have no capacity.
    public init(_ definition: CellDefinition) {
        let kind: CellDescription.Kind = switch definition.kind {
        case .full: .full
        case .symmetricLithium: .symmetricLithium
        case .ionBlocking: .ionBlocking
        }
        self.init(name: definition.name, kind: kind,
                  chemistry: [definition.positive.id, definition.electrolyte.id, definition.negative.id],
                  area: definition.area, capacity: definition.capacity > 0 ? definition.capacity : nil,
                  activeMass: definition.activeMass > 0 ? definition.activeMass : nil,
                  thickness: definition.electrolyteThickness)
    }

    /// What a protocol declares it needs, with placeholder magnitudes.
    public static func declared(by requirements: CellRequirements) -> CellContext {
        CellContext(name: "(cell not given)", kind: requirements.kinds.count == 1 ? requirements.kinds[0] : nil,
                    chemistry: requirements.chemistry, area: requirements.area ? 1e-4 : nil,
                    capacity: requirements.capacity ? 3.6 : nil, activeMass: nil,
                    thickness: requirements.thickness ? 5e-4 : nil, isNominal: true)
    }

    /// A current in amperes, or a located error naming the missing cell property.
    public func current(_ q: Quantity, at location: FileLocation) throws(ConfigurationError) -> Double {
        do {
            return try q.resolvingCurrent(area: area.map { Quantity($0, .area) }, capacity: capacity.map { Quantity($0, .charge) },
                                          activeMass: activeMass.map { Quantity($0, .mass) }).value
        } catch {
            throw location.error(missingPropertyMessage(for: q) ?? error.message)
        }
    }

    /// The SI threshold a condition compares against.
    public func threshold(of condition: Condition) throws(ConfigurationError) -> Double {
        switch condition.variable {
        case .current, .currentMagnitude:
            return try current(condition.threshold, at: condition.location)
        case .arealCharge:
            guard area != nil else {
                throw condition.location.error("\(condition.variable.rawValue) needs the cell's area; "
                    + "add \"area: true\" under requires: and an area to the cell file")
            }
            return condition.threshold.value
        default:
            return condition.threshold.value
        }
    }

    private func missingPropertyMessage(for q: Quantity) -> String? {
        switch q.dimension {
        case .cRate where capacity == nil:
            "\(q) is a C-rate, which needs the cell's capacity: add \"capacity: true\" under requires: "
                + "(and a capacity to the cell file), or give the current in mA"
        case .arealCurrent where area == nil:
            "\(q) is a current density, which needs the cell's area: add \"area: true\" under requires: "
                + "(and an area to the cell file), or give the current in mA"
        case .specificCurrent where activeMass == nil:
            "\(q) is a specific current, which needs the cell's active mass: add active_mass to the cell file"
        default: nil
        }
    }
}
