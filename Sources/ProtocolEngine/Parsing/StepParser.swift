import CyclerConfiguration
import Electrochemistry

/// Reads one step list. Each step is a mapping with exactly one kind key
/// (`cc: C/10`, `eis: {...}`, `loop: {...}`) and the common fields `label`,
/// `name`, `until`, `fail_if` and `record`; a bare string is a PyBaMM step.
struct StepParser {
    let recordDefaults: RecordPolicy

    static let kinds = [
        "rest", "ocv", "cc", "cv", "cp", "cccv", "pulse", "eis", "dc_polarisation", "sweep", "set_temperature",
        "set_pressure", "wait_pressure", "expect_pressure", "loop", "tag", "every", "analyse", "pybamm",
    ]
    static let common = ["label", "name", "until", "fail_if", "record"]
    /// Fields some kinds take beside their value.
    static let extras = ["increment", "current_limit"]

    /// Parses every step, reporting each bad one and carrying on with the rest.
    func parseList(_ node: ConfigNode, diagnostics: inout Diagnostics) -> [Step] {
        guard let items = diagnostics.attempt({ () throws(ConfigurationError) in try node.items() }) else { return [] }
        var steps: [Step] = []
        for item in items {
            steps += parseStep(item, diagnostics: &diagnostics)
        }
        return steps
    }

    /// One entry; a PyBaMM string with a temperature becomes two steps.
    func parseStep(_ node: ConfigNode, diagnostics: inout Diagnostics) -> [Step] {
        if node.isScalar {
            return diagnostics.attempt { () throws(ConfigurationError) in try pybamm(node, location: FileLocation(node)) } ?? []
        }
        guard node.isMapping else {
            diagnostics.report(node.error("a step is a mapping such as \"cc: C/10\" or a PyBaMM string such as \"Rest for 1 hour\""))
            return []
        }
        guard let keys = diagnostics.attempt({ () throws(ConfigurationError) in
            try node.rejectUnknownKeys(allowed: Self.kinds + Self.common + Self.extras)
            return try node.entries().map(\.key)
        }) else { return [] }
        let kindKeys = keys.filter { Self.kinds.contains($0) }
        guard kindKeys.count == 1, let kind = kindKeys.first else {
            diagnostics.report(node.error(kindKeys.isEmpty
                ? "says what to do with none of: \(Self.kinds.joined(separator: ", "))"
                : "has \(kindKeys.count) kinds (\(kindKeys.joined(separator: ", "))); split them into separate steps"))
            return []
        }
        do throws(ConfigurationError) {
            let value = try node.optional(kind)
            guard value != nil || kind == "rest" || kind == "ocv" else {
                throw node.error("\"\(kind):\" needs a value")
            }
            for extra in Self.extras where keys.contains(extra) && !(extra == "increment" && kind == "cc")
                && !(extra == "current_limit" && kind == "cv") {
                throw try node.required(extra).error("\"\(extra)\" belongs to \(extra == "increment" ? "cc" : "cv") steps, not \(kind)")
            }
            if kind == "pybamm", let value { return try pybamm(value, location: FileLocation(node)) }
            let parsed = try parseKind(kind, value: value, step: node, diagnostics: &diagnostics)
            return [try parseCommon(node, into: parsed)]
        } catch {
            diagnostics.report(error)
            return []
        }
    }

    private func pybamm(_ node: ConfigNode, location: FileLocation) throws(ConfigurationError) -> [Step] {
        let text = try node.string()
        let parsed = try PyBaMMStep.parse(text, at: node.textLocation)
        return parsed.steps(at: node.textLocation)
    }

    private func parseCommon(_ node: ConfigNode, into step: Step) throws(ConfigurationError) -> Step {
        var step = step
        if let label = try node.optional("label") { step.label = try label.string() }
        if let name = try node.optional("name") { step.name = try name.string() }
        if let until = try node.optional("until") { step.until += try exits(until) }
        if let failIf = try node.optional("fail_if") { step.failIf = try exits(failIf) }
        if let record = try node.optional("record") {
            step.record = try ProtocolParser.parseRecord(record, defaults: recordDefaults)
        }
        return step
    }

    /// `until:` and `fail_if:` entries: a condition string, or `{when: "...", goto: label}`.
    func exits(_ node: ConfigNode) throws(ConfigurationError) -> [Exit] {
        try node.listOrSingle().map { (item) throws(ConfigurationError) -> Exit in
            if item.isScalar { return Exit(condition: try ConditionParser.parse(item)) }
            try item.rejectUnknownKeys(allowed: ["when", "goto"])
            let condition = try ConditionParser.parse(try item.required("when", hint: "when: \"V < 2.5 V\""))
            let target = try item.optional("goto")
            return Exit(condition: condition, goto: try target?.string(), gotoLocation: target.map(FileLocation.init))
        }
    }

    func conditions(_ node: ConfigNode) throws(ConfigurationError) -> [Condition] {
        try node.listOrSingle().map { (item) throws(ConfigurationError) in try ConditionParser.parse(item) }
    }
}
