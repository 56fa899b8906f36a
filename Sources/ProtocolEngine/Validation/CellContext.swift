import CyclerConfiguration
import Electrochemistry

/// The cell facts that turn a protocol's relative quantities (C-rates,
/// current densities) into amperes: a view of one `CellDescription`, whether
/// it came from a cell file or a simulator preset.
///
/// When a protocol is validated on its own, the context is nominal: the
/// properties its `requires:` block declares are present with placeholder
/// values, so dimensions can be checked but magnitudes cannot.
public struct CellContext: Sendable, Hashable {
    /// The cell this context reads.
    public var description: CellDescription
    /// Placeholder values: only dimensions are meaningful.
    public var isNominal: Bool
    /// False for a nominal context whose protocol allows several cell types.
    private var kindIsKnown = true

    /// A cell file's (or a preset's) facts.
    public init(_ cell: CellDescription) {
        self.description = cell
        self.isNominal = false
    }

    public var name: String { description.name }
    public var kind: CellDescription.Kind? { kindIsKnown ? description.kind : nil }
    /// Canonical chemistry tags (`ChemistryTag`).
    public var chemistry: [String] { description.chemistry }
    /// m².
    public var area: Double? {
        get { description.area }
        set { description.area = newValue }
    }
    /// C.
    public var capacity: Double? {
        get { description.capacity }
        set { description.capacity = newValue }
    }
    /// kg.
    public var activeMass: Double? {
        get { description.activeMass }
        set { description.activeMass = newValue }
    }
    /// Electrolyte thickness (m).
    public var thickness: Double? {
        get { description.electrolyteThickness }
        set { description.electrolyteThickness = newValue }
    }

    /// What a protocol declares it needs, with placeholder magnitudes.
    public static func declared(by requirements: CellRequirements) -> CellContext {
        var context = CellContext(CellDescription(
            name: "(cell not given)", kind: requirements.kinds.first ?? .full, chemistry: requirements.chemistry,
            area: requirements.area ? 1e-4 : nil, electrolyteThickness: requirements.thickness ? 5e-4 : nil,
            capacity: requirements.capacity ? 3.6 : nil))
        context.isNominal = true
        context.kindIsKnown = requirements.kinds.count == 1
        return context
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
