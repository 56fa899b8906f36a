import Electrochemistry

/// What a job's protocol says about its length, for progress displays (the
/// dashboard's "cycle n of N", `cyclerctl follow`'s bars): how many cycles
/// its cycling loop runs, and how long each step may last.
public struct JobPlan: Sendable, Hashable {
    /// The cycle count of the first loop that counts cycles and has a count.
    public var cycles: Int?
    /// A step's time limit (s) by the line it is written on.
    public var timeLimits: [Int: Double] = [:]

    public init(_ definition: ProtocolDefinition) {
        visit(definition.steps)
    }

    /// The plan of a stored protocol text (as the scheduler reads it); an
    /// empty plan when the text does not parse, since a display can do without one.
    public init(protocolText: String, file: String) {
        if let definition = try? ProtocolLoader.parse(protocolText, file: file) { self.init(definition) } else { self.init() }
    }

    public init() {}

    private mutating func visit(_ steps: [Step]) {
        for step in steps {
            if let limit = step.until.compactMap({ Self.timeLimit($0.condition) }).min() {
                timeLimits[step.location.line] = limit
            }
            if case .loop(let loop) = step.kind {
                if cycles == nil, loop.countsCycles, let count = loop.count { cycles = count }
                visit(loop.steps)
            }
        }
    }

    private static func timeLimit(_ condition: Condition) -> Double? {
        condition.variable == .time && condition.comparison.isUpper ? condition.threshold.value : nil
    }
}
