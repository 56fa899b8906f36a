import CyclerConfiguration
import Foundation
import Electrochemistry

/// Reads protocol files (YAML; JSON is accepted as the YAML subset it is).
///
/// ```yaml
/// name: GCPL C/10
/// requires: {type: full, capacity: true}
/// safety:
///   voltage: {min: 2.0 V, max: 3.8 V}
/// record: {dt: 10 s, dV: 5 mV}
/// steps:
///   - cc: C/10
///     until: ["V >= 3.68 V"]
///   - "Discharge at C/10 until 2.0 V"     # PyBaMM strings are steps too
/// ```
///
/// Errors are collected rather than thrown one at a time; each names file,
/// line, column and field.
public enum ProtocolParser {
    static let topLevelFields = ["name", "description", "requires", "safety", "record", "steps"]

    /// Parses a protocol document.
    ///
    /// - Throws: `ProtocolErrors` with every mistake found.
    public static func parse(_ text: String, file: String) throws(ProtocolErrors) -> ProtocolDefinition {
        let root: ConfigNode
        do {
            root = try ConfigNode.parse(yaml: text, file: file)
        } catch {
            throw ProtocolErrors([error])
        }
        var diagnostics = Diagnostics()
        let definition = parse(root, diagnostics: &diagnostics)
        guard diagnostics.errors.isEmpty, let definition else {
            throw ProtocolErrors(diagnostics.errors)
        }
        return definition
    }

    static func parse(_ root: ConfigNode, diagnostics: inout Diagnostics) -> ProtocolDefinition? {
        guard root.isMapping else {
            diagnostics.report(root.error("a protocol is a mapping with name, safety, record and steps; see Protocols/gcpl.yaml"))
            return nil
        }
        diagnostics.attempt { () throws(ConfigurationError) in try root.rejectUnknownKeys(allowed: topLevelFields) }
        let name = diagnostics.attempt { () throws(ConfigurationError) in
            try root.required("name", hint: "name: GCPL at C/10").string()
        }
        let description = diagnostics.attempt { () throws(ConfigurationError) in try root.optional("description")?.string() } ?? nil
        let requirements = diagnostics.attempt { () throws(ConfigurationError) in
            try root.optional("requires").map(parseRequirements)
        } ?? nil
        let safety = diagnostics.attempt { () throws(ConfigurationError) in try root.optional("safety").map(parseSafety) } ?? nil
        let record = diagnostics.attempt { () throws(ConfigurationError) in
            try root.optional("record").map { (node) throws(ConfigurationError) in try parseRecord(node, defaults: .standard) }
        } ?? nil
        var steps: [Step] = []
        if let stepsNode = diagnostics.attempt({ () throws(ConfigurationError) in
            try root.required("steps", hint: "steps: [\"Rest for 1 hour\"]")
        }) {
            let parser = StepParser(recordDefaults: record ?? .standard)
            steps = parser.parseList(stepsNode, diagnostics: &diagnostics)
            if steps.isEmpty, diagnostics.errors.isEmpty {
                diagnostics.report(stepsNode.error("has no steps; a protocol needs at least one"))
            }
        }
        guard let name else { return nil }
        return ProtocolDefinition(name: name, description: description ?? "", requirements: requirements ?? CellRequirements(),
                                  safety: safety ?? SafetyLimits(), record: record ?? .standard, steps: steps, file: root.file)
    }

    static func parseRequirements(_ node: ConfigNode) throws(ConfigurationError) -> CellRequirements {
        try node.rejectUnknownKeys(allowed: ["type", "chemistry", "capacity", "area", "thickness"])
        var requirements = CellRequirements(location: FileLocation(node))
        if let kinds = try node.optional("type") {
            requirements.kinds = try kinds.listOrSingle().map { (item) throws(ConfigurationError) in
                try item.choice(CellDescription.Kind.self)
            }
        }
        if let tags = try node.optional("chemistry") {
            requirements.chemistry = try tags.listOrSingle().map { (item) throws(ConfigurationError) in ChemistryTag.canonical(try item.string()) }
        }
        requirements.capacity = try node.optional("capacity")?.bool() ?? false
        requirements.area = try node.optional("area")?.bool() ?? false
        requirements.thickness = try node.optional("thickness")?.bool() ?? false
        return requirements
    }

    static func parseSafety(_ node: ConfigNode) throws(ConfigurationError) -> SafetyLimits {
        try node.rejectUnknownKeys(allowed: SafetyLimits.Quantity.allCases.map(\.rawValue))
        var limits: [SafetyLimits.Limit] = []
        for quantity in SafetyLimits.Quantity.allCases {
            guard let entry = try node.optional(quantity.rawValue) else { continue }
            try entry.rejectUnknownKeys(allowed: ["min", "max", "delay"])
            let (dimension, unit) = safetyUnit(quantity)
            let delay = try entry.optional("delay")?.quantity(expecting: .time, defaultUnit: "s").value ?? 0
            if delay < 0 { throw try entry.required("delay").error("must not be negative") }
            var bounds: [SafetyLimits.Limit] = []
            for (key, isMaximum) in [("min", false), ("max", true)] {
                guard let bound = try entry.optional(key) else { continue }
                let value = quantity == .temperature ? try bound.temperature()
                    : try bound.quantity(expecting: dimension, defaultUnit: unit).value
                bounds.append(SafetyLimits.Limit(quantity: quantity, isMaximum: isMaximum, value: value, delay: delay,
                                                 location: FileLocation(bound)))
            }
            guard !bounds.isEmpty else {
                throw entry.error("give \"min:\", \"max:\" or both, e.g. \(quantity.rawValue): {max: 1 \(unit)}")
            }
            if bounds.count == 2, bounds[0].value >= bounds[1].value {
                throw try entry.required("max").error(
                    "the maximum \(bounds[1].value) \(quantity.unitSymbol) must be above the minimum \(bounds[0].value) \(quantity.unitSymbol)")
            }
            limits += bounds
        }
        return SafetyLimits(limits: limits)
    }

    private static func safetyUnit(_ quantity: SafetyLimits.Quantity) -> (PhysicalDimension, String) {
        switch quantity {
        case .voltage: (.voltage, "V")
        case .current: (.current, "mA")
        case .temperature: (.temperature, "degC")
        case .pressure: (.pressure, "MPa")
        }
    }

    static func parseRecord(_ node: ConfigNode, defaults: RecordPolicy) throws(ConfigurationError) -> RecordPolicy {
        try node.rejectUnknownKeys(allowed: ["dt", "dV", "dI", "sample"])
        var policy = defaults
        if let dt = try node.optional("dt") {
            policy.interval = try dt.duration()
            policy.sampleInterval = min(policy.interval, defaults.sampleInterval)
        }
        if let dV = try node.optional("dV") { policy.voltageChange = try dV.positive(.voltage, defaultUnit: "mV") }
        if let dI = try node.optional("dI") { policy.currentChange = try dI.positive(.current, defaultUnit: "mA") }
        if let sample = try node.optional("sample") {
            policy.sampleInterval = try sample.duration()
            guard policy.sampleInterval <= policy.interval else {
                throw sample.error("must not be longer than dt (\(policy.interval) s): every record is a sample")
            }
        }
        return policy
    }
}
