import CyclerConfiguration
import Electrochemistry

/// Imports aurora-unicycler protocol JSON (version 0.4.x): `record`,
/// `safety`, `sample` and a flat `method` of open_circuit_voltage,
/// constant_current, constant_voltage, impedance_spectroscopy, voltage_scan,
/// tag and loop steps.
///
/// aurora's sign is cyclerd's (positive current charges). Its loops jump
/// back to a tag or a 1-based step number and run `cycle_count` times in
/// total; they become nested `loop` steps. C-rates resolve against
/// `sample.capacity_mAh` when it is given (as aurora does), otherwise against
/// the cell, which must then have a capacity.
public enum AuroraProtocol {
    static let topLevel = ["unicycler", "sample", "record", "safety", "method"]

    /// Whether a parsed document looks like aurora-unicycler JSON.
    public static func recognises(_ root: ConfigNode) -> Bool {
        guard root.isMapping, let method = try? root.optional("method") else { return false }
        return method.isSequence && ((try? root.optional("steps")) ?? nil) == nil
    }

    public static func parse(_ root: ConfigNode) throws(ProtocolErrors) -> ProtocolDefinition {
        do {
            return try convert(root)
        } catch {
            throw ProtocolErrors([error])
        }
    }

    private static func convert(_ root: ConfigNode) throws(ConfigurationError) -> ProtocolDefinition {
        try root.rejectUnknownKeys(allowed: topLevel)
        var capacity: Double?
        var name = "aurora-unicycler protocol"
        if let sample = try root.optional("sample") {
            try sample.rejectUnknownKeys(allowed: ["name", "capacity_mAh"])
            if let n = try sample.optional("name") { name = try n.string() }
            if let c = try sample.optional("capacity_mAh") {
                capacity = try c.double() * 3.6
                guard let value = capacity, value > 0 else { throw c.error("must be positive") }
            }
        }
        let record = try root.required("record", hint: "record: {time_s: 10}")
        try record.rejectUnknownKeys(allowed: ["time_s", "voltage_V", "current_mA"])
        let policy = RecordPolicy(interval: try record.required("time_s").double().positiveOr(record, "time_s"),
                                  voltageChange: try record.optional("voltage_V")?.double(),
                                  currentChange: try record.optional("current_mA")?.double().milli)
        let safety = try root.optional("safety").map { (node) throws(ConfigurationError) in try self.safety(node) } ?? SafetyLimits()
        let method = try root.required("method").items()
        var converter = MethodConverter(capacity: capacity)
        let steps = try converter.convert(method)
        let requirements = CellRequirements(capacity: converter.needsCellCapacity, location: FileLocation(root))
        return ProtocolDefinition(name: name, description: "imported from aurora-unicycler JSON", requirements: requirements,
                                  safety: safety, record: policy, steps: steps, file: root.file)
    }

    private static func safety(_ node: ConfigNode) throws(ConfigurationError) -> SafetyLimits {
        try node.rejectUnknownKeys(allowed: ["max_voltage_V", "min_voltage_V", "max_current_mA", "min_current_mA",
                                             "max_capacity_mAh", "delay_s"])
        if let capacity = try node.optional("max_capacity_mAh") {
            throw capacity.error("cyclerd has no job-wide capacity limit; bound each step with \"|Q| >= …\" instead")
        }
        let delay = try node.optional("delay_s")?.double() ?? 0
        var limits: [SafetyLimits.Limit] = []
        for (key, quantity, isMaximum, scale) in [("min_voltage_V", SafetyLimits.Quantity.voltage, false, 1.0),
                                                  ("max_voltage_V", .voltage, true, 1.0),
                                                  ("min_current_mA", .current, false, 1e-3),
                                                  ("max_current_mA", .current, true, 1e-3)] {
            guard let value = try node.optional(key) else { continue }
            limits.append(SafetyLimits.Limit(quantity: quantity, isMaximum: isMaximum, value: try value.double() * scale,
                                             delay: delay, location: FileLocation(value)))
        }
        for pair in [("voltage", SafetyLimits.Quantity.voltage), ("current", .current)] {
            let bounds = limits.filter { $0.quantity == pair.1 }
            if bounds.count == 2, bounds[0].value >= bounds[1].value {
                throw bounds[1].location.error("the maximum \(pair.0) must be above the minimum")
            }
        }
        return SafetyLimits(limits: limits)
    }
}

private extension Double {
    var milli: Double { self * 1e-3 }

    func positiveOr(_ node: ConfigNode, _ key: String) throws(ConfigurationError) -> Double {
        guard self > 0 else { throw try node.required(key).error("must be positive") }
        return self
    }
}
