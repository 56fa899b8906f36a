import CyclerConfiguration
import Electrochemistry
import Foundation

/// Turns aurora's flat method list (with backward loops) into nested steps.
struct MethodConverter {
    /// C (A·s) from `sample.capacity_mAh`, when given.
    let capacity: Double?
    /// Set when a C-rate must resolve against the cell's capacity.
    private(set) var needsCellCapacity = false

    init(capacity: Double?) {
        self.capacity = capacity
    }

    mutating func convert(_ method: [ConfigNode]) throws(ConfigurationError) -> [Step] {
        guard !method.isEmpty else { throw ConfigurationError(file: "", line: 0, column: 0, field: "method", message: "needs at least one step") }
        var output: [(index: Int, step: Step)] = []
        var tags: [String: Int] = [:]
        var loopSpans: [(start: Int, end: Int)] = []
        for (index, node) in method.enumerated() {
            let kind = try node.required("step", hint: "step: constant_current").string()
            switch kind {
            case "loop":
                try node.rejectUnknownKeys(allowed: ["step", "id", "loop_to", "cycle_count"])
                let count = try node.required("cycle_count").integer(in: 1...10_000_000)
                let target = try node.optional("loop_to")
                let start: Int
                if let target, let number = Int(try target.string()) {
                    guard number >= 1, number - 1 < index else {
                        throw target.error("loops go back to an earlier step (1 to \(index)); got \(number)")
                    }
                    start = number - 1
                } else if let target {
                    let tag = try target.string()
                    guard let tagIndex = tags[tag] else { throw target.error("no tag \"\(tag)\" before this loop") }
                    start = tagIndex
                } else {
                    start = 0
                }
                let body = output.filter { $0.index >= start }.map(\.step)
                guard !body.isEmpty else { throw node.error("the loop has no steps to repeat") }
                if loopSpans.contains(where: { $0.start < start && start <= $0.end }) {
                    throw node.error("this loop starts inside an earlier loop and ends outside it; loops must nest")
                }
                loopSpans.append((start, index))
                output.removeAll { $0.index >= start }
                output.append((start, Step(kind: .loop(Loop(count: count, steps: body)), location: FileLocation(node))))
            case "tag":
                try node.rejectUnknownKeys(allowed: ["step", "id", "tag"])
                let tag = try node.required("tag").string()
                guard tags[tag] == nil else { throw node.error("duplicate tag \"\(tag)\"") }
                tags[tag] = index
                output.append((index, Step(kind: .tag(tag), location: FileLocation(node))))
            default:
                output.append((index, try step(kind, node)))
            }
        }
        return output.map(\.step)
    }

    private mutating func step(_ kind: String, _ node: ConfigNode) throws(ConfigurationError) -> Step {
        let location = FileLocation(node)
        func time(_ key: String) throws(ConfigurationError) -> Exit? {
            guard let value = try node.optional(key), let seconds = try? value.double(), seconds > 0 else { return nil }
            return Exit(condition: Condition(variable: .time, comparison: .atLeast, threshold: Quantity(seconds, .time),
                                             text: "t >= \(seconds) s", location: FileLocation(value)))
        }
        switch kind {
        case "open_circuit_voltage":
            try node.rejectUnknownKeys(allowed: ["step", "id", "until_time_s"])
            guard let exit = try time("until_time_s") else { throw node.error("needs until_time_s > 0") }
            return Step(kind: .rest, name: try name(node), until: [exit], location: location)
        case "constant_current":
            try node.rejectUnknownKeys(allowed: ["step", "id", "rate_C", "current_mA", "until_time_s", "until_voltage_V"])
            let current = try self.current(rate: node.optional("rate_C"), milliamps: node.optional("current_mA"), node)
            var until: [Exit] = []
            if let exit = try time("until_time_s") { until.append(exit) }
            if let voltage = try node.optional("until_voltage_V"), let volts = try? voltage.double(), volts != 0 {
                let charging = current.value > 0
                until.append(Exit(condition: Condition(variable: .voltage, comparison: charging ? .atLeast : .atMost,
                                                       threshold: Quantity(volts, .voltage),
                                                       text: "V \(charging ? ">=" : "<=") \(volts) V", location: FileLocation(voltage))))
            }
            guard !until.isEmpty else { throw node.error("needs until_time_s or until_voltage_V") }
            return Step(kind: .constantCurrent(CurrentControl(current: current)), name: try name(node), until: until, location: location)
        case "constant_voltage":
            try node.rejectUnknownKeys(allowed: ["step", "id", "voltage_V", "until_time_s", "until_rate_C", "until_current_mA"])
            let volts = try node.required("voltage_V").double()
            var until: [Exit] = []
            if let exit = try time("until_time_s") { until.append(exit) }
            let rate = try node.optional("until_rate_C"), milliamps = try node.optional("until_current_mA")
            if rate != nil || milliamps != nil {
                let threshold = try current(rate: rate, milliamps: milliamps, node)
                until.append(Exit(condition: Condition(variable: .currentMagnitude, comparison: .atMost,
                                                       threshold: Quantity(abs(threshold.value), threshold.dimension),
                                                       text: "|I| <= \(threshold)", location: location)))
            }
            guard !until.isEmpty else { throw node.error("needs until_time_s, until_rate_C or until_current_mA") }
            return Step(kind: .constantVoltage(VoltageControl(voltage: volts)), name: try name(node), until: until, location: location)
        case "impedance_spectroscopy":
            try node.rejectUnknownKeys(allowed: ["step", "id", "amplitude_V", "amplitude_mA", "start_frequency_Hz", "end_frequency_Hz",
                                                 "points_per_decade", "measures_per_point", "drift_correction"])
            if let averaging = try node.optional("measures_per_point"), try averaging.integer() != 1 {
                throw averaging.error("cyclerd measures each frequency once; set measures_per_point to 1 or repeat the EIS step")
            }
            if let drift = try node.optional("drift_correction"), try drift.bool() {
                throw drift.error("drift correction is not available; the simulated and MethodSCRIPT sweeps already fit out linear drift")
            }
            let volts = try node.optional("amplitude_V"), milliamps = try node.optional("amplitude_mA")
            guard (volts == nil) != (milliamps == nil) else { throw node.error("set exactly one of amplitude_V or amplitude_mA") }
            let settings = EISSettings(
                mode: volts != nil ? .potentiostatic : .galvanostatic,
                startFrequency: try node.required("start_frequency_Hz").double(),
                endFrequency: try node.required("end_frequency_Hz").double(),
                pointsPerDecade: try node.optional("points_per_decade")?.integer(in: 1...100) ?? 10,
                amplitude: volts != nil ? Quantity(try volts!.double(), .voltage) : Quantity(try milliamps!.double() * 1e-3, .current))
            return Step(kind: .eis(settings), name: try name(node), location: location)
        case "voltage_scan":
            try node.rejectUnknownKeys(allowed: ["step", "id", "start_voltage_V", "end_voltage_V", "scan_rate_mV_per_s"])
            let rate = try node.required("scan_rate_mV_per_s").double() * 1e-3
            guard rate > 0 else { throw try node.required("scan_rate_mV_per_s").error("must be positive") }
            let sweep = Sweep(start: try node.required("start_voltage_V").double(),
                              vertices: [try node.required("end_voltage_V").double()], rate: rate, cycles: 1)
            return Step(kind: .sweep(sweep), name: try name(node), location: location)
        default:
            let kinds = "open_circuit_voltage, constant_current, constant_voltage, impedance_spectroscopy, voltage_scan, tag, loop"
            throw try node.required("step").error("\"\(kind)\" is not an aurora-unicycler step; expected one of: \(kinds)")
        }
    }

    private func name(_ node: ConfigNode) throws(ConfigurationError) -> String? {
        try node.optional("id")?.string()
    }

    /// `rate_C` (a number or "C/3", "D/2") wins over `current_mA`, as in aurora.
    private mutating func current(rate: ConfigNode?, milliamps: ConfigNode?, _ node: ConfigNode) throws(ConfigurationError) -> Quantity {
        if let rate, let perHour = try cRate(rate), perHour != 0 {
            if let capacity { return Quantity(perHour * capacity / 3600, .current) }
            needsCellCapacity = true
            return Quantity(perHour / 3600, .cRate)
        }
        if let milliamps, let value = try? milliamps.double(), value != 0 { return Quantity(value * 1e-3, .current) }
        throw node.error("set rate_C or current_mA, non-zero")
    }

    /// aurora's C-rate forms: 0.5, "1/5", "C/3", "2C/5", "D/2" (discharge).
    private func cRate(_ node: ConfigNode) throws(ConfigurationError) -> Double? {
        let text = try node.string().replacingOccurrences(of: " ", with: "")
        if text.isEmpty { return nil }
        if let value = Double(text) { return value }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let denominator = Double(parts[1]), denominator != 0 else {
            throw node.error("\"\(text)\" is not a C-rate; write 0.5, \"C/2\" or \"D/2\" (discharge)")
        }
        var numerator = String(parts[0])
        var sign = 1.0
        if numerator.contains("D") { sign = -1; numerator = numerator.replacingOccurrences(of: "D", with: "") }
        numerator = numerator.replacingOccurrences(of: "C", with: "")
        guard let value = numerator.isEmpty ? 1 : Double(numerator) else {
            throw node.error("\"\(text)\" is not a C-rate; write 0.5, \"C/2\" or \"D/2\" (discharge)")
        }
        return sign * value / denominator
    }
}
