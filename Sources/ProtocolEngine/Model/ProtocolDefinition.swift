/// A parsed protocol file: what to run and the limits it runs within.
public struct ProtocolDefinition: Sendable {
    public var name: String
    public var description: String
    public var requirements: CellRequirements
    public var safety: SafetyLimits
    public var record: RecordPolicy
    public var steps: [Step]
    /// The file it was read from, as the user named it.
    public var file: String

    public init(name: String, description: String = "", requirements: CellRequirements = CellRequirements(),
                safety: SafetyLimits = SafetyLimits(), record: RecordPolicy = .standard, steps: [Step], file: String) {
        self.name = name
        self.description = description
        self.requirements = requirements
        self.safety = safety
        self.record = record
        self.steps = steps
        self.file = file
    }
}
