/// A protocol's step tree flattened into a list the executor walks with a
/// program counter, so `goto` is a jump and loops are two instructions.
struct Program {
    enum Instruction {
        /// A step that runs (anything but loops, tags and every-blocks).
        case step(Step)
        /// Enters a loop; its body runs up to `end`.
        case loopStart(Loop, end: Int, location: FileLocation)
        /// Closes the loop that starts at `start`.
        case loopEnd(start: Int)
        /// Registers an interleaved block for the rest of the enclosing list.
        case every(Interleave, scopeEnd: Int)
        /// A label position.
        case tag
    }

    var instructions: [Instruction] = []
    /// Label → instruction index.
    var labels: [String: Int] = [:]

    init(_ steps: [Step]) {
        append(steps)
    }

    private mutating func append(_ steps: [Step]) {
        var pendingEvery: [(index: Int, interleave: Interleave)] = []
        for step in steps {
            if let label = step.label { labels[label] = instructions.count }
            switch step.kind {
            case .loop(let loop):
                let start = instructions.count
                instructions.append(.tag)
                append(loop.steps)
                instructions.append(.loopEnd(start: start))
                instructions[start] = .loopStart(loop, end: instructions.count - 1, location: step.location)
            case .tag(let name):
                labels[name] = instructions.count
                instructions.append(.tag)
            case .every(let interleave):
                pendingEvery.append((instructions.count, interleave))
                instructions.append(.tag)
            default:
                instructions.append(.step(step))
            }
        }
        // An every-block lasts to the end of its list (the enclosing loop body or the protocol).
        let end = instructions.count
        for (index, interleave) in pendingEvery {
            instructions[index] = .every(interleave, scopeEnd: end)
        }
    }
}
