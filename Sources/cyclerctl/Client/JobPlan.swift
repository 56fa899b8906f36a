import Electrochemistry
import ProtocolEngine

/// What a job's protocol says about its length, for progress bars: how many
/// cycles its cycling loop runs, and how long each step may last.
struct JobPlan {
    /// The cycle count of the first loop that counts cycles and has a count.
    var cycles: Int?
    /// A step's time limit (s) by the line it is written on.
    var timeLimits: [Int: Double] = [:]

    init(_ definition: ProtocolDefinition) {
        visit(definition.steps)
    }

    init() {}

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
