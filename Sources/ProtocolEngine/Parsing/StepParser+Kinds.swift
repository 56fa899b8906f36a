import CyclerConfiguration
import Electrochemistry

extension StepParser {
    /// The kind-specific part of a step; `value` is the node under the kind key.
    func parseKind(_ kind: String, value: ConfigNode?, step: ConfigNode,
                   diagnostics: inout Diagnostics) throws(ConfigurationError) -> Step {
        let location = FileLocation(step)
        func make(_ stepKind: StepKind) -> Step {
            Step(kind: stepKind, location: location, valueLocation: value.map(FileLocation.init) ?? location)
        }
        guard let value else {
            return make(.rest)
        }
        switch kind {
        case "rest", "ocv":
            var rest = make(.rest)
            let seconds = try value.duration()
            rest.until.append(Exit(condition: Condition(variable: .time, comparison: .atLeast, threshold: Quantity(seconds, .time),
                                                        text: "t >= \(seconds) s", location: FileLocation(value))))
            return rest
        case "cc":
            let increment = try step.optional("increment")?.current()
            return make(.constantCurrent(CurrentControl(current: try value.current(), increment: increment)))
        case "cv":
            let limit = try step.optional("current_limit")?.current()
            return make(.constantVoltage(VoltageControl(voltage: try value.voltage(), currentLimit: limit)))
        case "cp":
            return make(.constantPower(try value.quantity(expecting: .power, defaultUnit: "mW").value))
        case "cccv":
            try value.rejectUnknownKeys(allowed: ["current", "voltage", "cutoff"])
            return make(.cccv(ConstantCurrentConstantVoltage(
                current: try value.required("current", hint: "current: C/2").current(),
                voltage: try value.required("voltage", hint: "voltage: 4.2 V").voltage(),
                cutoff: try value.required("cutoff", hint: "cutoff: C/20").current())))
        case "pulse":
            try value.rejectUnknownKeys(allowed: ["current", "duration", "rest", "count"])
            return make(.pulse(PulseTrain(
                current: try value.required("current", hint: "current: C/10").current(),
                pulseDuration: try value.required("duration", hint: "duration: 10 min").duration(),
                restDuration: try value.optional("rest")?.duration() ?? 0,
                count: try value.required("count", hint: "count: 20").integer(in: 1...1_000_000))))
        case "eis":
            return make(.eis(try eis(value)))
        case "dc_polarisation":
            return make(.polarisation(try polarisation(value)))
        case "sweep":
            return make(.sweep(try sweep(value)))
        case "set_temperature":
            return make(.setTemperature(try temperature(value)))
        case "set_pressure":
            return make(.setPressure(try pressure(value)))
        case "wait_pressure", "expect_pressure":
            try value.rejectUnknownKeys(allowed: kind == "wait_pressure" ? ["min", "max", "timeout"] : ["min", "max"])
            let low = try value.optional("min")?.quantity(expecting: .pressure, defaultUnit: "MPa").value ?? 0
            let high = try value.optional("max")?.quantity(expecting: .pressure, defaultUnit: "MPa").value ?? .infinity
            guard low < high else { throw value.error("min (\(low) Pa) must be below max (\(high) Pa)") }
            let hasMin = try value.optional("min") != nil
            let hasMax = try value.optional("max") != nil
            guard hasMin || hasMax else {
                throw value.error("give \"min:\", \"max:\" or both, e.g. {min: 4 MPa, max: 6 MPa}")
            }
            let window = PressureWindow(range: low...high, timeout: try value.optional("timeout")?.duration() ?? 3600)
            return make(kind == "wait_pressure" ? .waitPressure(window) : .expectPressure(window))
        case "loop":
            return make(.loop(try loop(value, diagnostics: &diagnostics)))
        case "tag":
            return make(.tag(try value.string()))
        case "every":
            try value.rejectUnknownKeys(allowed: ["cycles", "time", "steps"])
            let period: Interleave.Period
            switch (try value.optional("cycles"), try value.optional("time")) {
            case (let cycles?, nil): period = .cycles(try cycles.integer(in: 1...1_000_000))
            case (nil, let time?): period = .time(try time.duration())
            default: throw value.error("give exactly one of \"cycles: 10\" or \"time: 1 h\"")
            }
            let steps = parseList(try value.required("steps", hint: "steps: [eis: {...}]"), diagnostics: &diagnostics)
            return make(.every(Interleave(period: period, steps: steps)))
        case "analyse":
            return make(.analyse(try value.choice(AnalysisKind.self)))
        default:
            throw step.error("unknown step kind \"\(kind)\"")
        }
    }

    func eis(_ node: ConfigNode) throws(ConfigurationError) -> EISSettings {
        try node.rejectUnknownKeys(allowed: ["mode", "from", "to", "per_decade", "amplitude", "dc", "repeats"])
        let mode = try node.optional("mode")?.choice(EISSettings.Mode.self) ?? .potentiostatic
        let start = try node.required("from", hint: "from: 1 MHz").positive(.frequency, defaultUnit: "Hz")
        let end = try node.required("to", hint: "to: 1 Hz").positive(.frequency, defaultUnit: "Hz")
        guard start != end else { throw try node.required("to").error("must differ from \"from\" (\(start) Hz)") }
        let perDecade = try node.optional("per_decade")?.integer(in: 1...100) ?? 10
        let amplitude: Quantity
        let dc: Quantity?
        switch mode {
        case .potentiostatic:
            amplitude = try node.optional("amplitude")?.quantity(expecting: .voltage, defaultUnit: "mV") ?? Quantity(0.01, .voltage)
            dc = try node.optional("dc")?.quantity(expecting: .voltage, defaultUnit: "V")
        case .galvanostatic:
            amplitude = try node.required("amplitude", hint: "amplitude: 10 uA").current()
            dc = try node.optional("dc")?.current()
        }
        if amplitude.value <= 0 { throw try node.required("amplitude").error("must be positive") }
        let repeats = try node.optional("repeats")?.integer(in: 1...10_000) ?? 1
        return EISSettings(mode: mode, startFrequency: start, endFrequency: end, pointsPerDecade: perDecade,
                           amplitude: amplitude, dcLevel: dc, repeats: repeats)
    }

    private func polarisation(_ node: ConfigNode) throws(ConfigurationError) -> Polarisation {
        try node.rejectUnknownKeys(allowed: ["mode", "voltage", "steady", "max_duration", "eis"])
        let mode = try node.required("mode", hint: "mode: transference").choice(Polarisation.Mode.self)
        let voltage = try node.required("voltage", hint: "voltage: 10 mV").quantity(expecting: .voltage, defaultUnit: "mV").value
        guard voltage != 0 else { throw try node.required("voltage").error("ΔV must not be zero") }
        var change = 0.01, window = 600.0
        if let steady = try node.optional("steady") {
            try steady.rejectUnknownKeys(allowed: ["change", "over"])
            if let c = try steady.optional("change") {
                change = try c.quantity(expecting: .dimensionless).value
                guard change > 0, change < 1 else { throw c.error("give a fraction of the current such as \"1 %\"") }
            }
            if let over = try steady.optional("over") { window = try over.duration() }
        }
        let maximum = try node.optional("max_duration")?.duration() ?? 86_400
        guard maximum > window else {
            throw try node.required("max_duration").error("must be longer than the steady-state window (\(window) s)")
        }
        let eisNode = try node.optional("eis")
        if mode == .transference, eisNode == nil {
            throw node.error("transference mode needs \"eis:\" settings for the spectra before and after the hold")
        }
        if mode == .electronic, let eisNode {
            throw eisNode.error("electronic mode takes no EIS; use mode: transference, or add a separate eis step")
        }
        return Polarisation(mode: mode, voltage: voltage, steadyChange: change, window: window, maximumDuration: maximum,
                            eis: try eisNode.map { (node) throws(ConfigurationError) in try eis(node) })
    }

    private func sweep(_ node: ConfigNode) throws(ConfigurationError) -> Sweep {
        try node.rejectUnknownKeys(allowed: ["from", "vertices", "rate", "cycles"])
        var start: Double?
        if let from = try node.optional("from"), try from.string().lowercased() != "ocv" { start = try from.voltage() }
        let vertices = try node.required("vertices", hint: "vertices: [4.5 V, 2.5 V]").listOrSingle()
            .map { (item) throws(ConfigurationError) in try item.voltage() }
        let rate = try node.required("rate", hint: "rate: 1 mV/s").positive(.voltageRate, defaultUnit: "mV/s")
        let cycles = try node.optional("cycles")?.integer(in: 1...10_000) ?? 1
        return Sweep(start: start, vertices: vertices, rate: rate, cycles: cycles)
    }

    private func temperature(_ node: ConfigNode) throws(ConfigurationError) -> TemperatureSetting {
        guard node.isMapping else {
            return TemperatureSetting(target: try node.temperature(),
                                      tolerance: 0.5, stableFor: 0, timeout: 3600)
        }
        try node.rejectUnknownKeys(allowed: ["target", "tolerance", "stable_for", "timeout"])
        let target = try node.required("target", hint: "target: 60 degC").temperature()
        guard target > 0 else { throw try node.required("target").error("is below absolute zero") }
        let tolerance = try node.optional("tolerance")?.positive(.temperature, defaultUnit: "K") ?? 0.5
        let stable = try node.optional("stable_for")?.duration() ?? 0
        let timeout = try node.optional("timeout")?.duration() ?? max(4 * 3600, 2 * stable)
        guard timeout > stable else {
            throw try node.required("timeout").error("must be longer than stable_for (\(stable) s)")
        }
        return TemperatureSetting(target: target, tolerance: tolerance, stableFor: stable, timeout: timeout)
    }

    private func pressure(_ node: ConfigNode) throws(ConfigurationError) -> PressureSetting {
        guard node.isMapping else {
            let target = try node.quantity(expecting: .pressure, defaultUnit: "MPa").value
            guard target >= 0 else { throw node.error("must not be negative") }
            return PressureSetting(target: target, tolerance: max(0.05 * target, 0.1e6), settle: 0, timeout: 600)
        }
        try node.rejectUnknownKeys(allowed: ["target", "tolerance", "settle", "timeout"])
        let targetNode = try node.required("target", hint: "target: 10 MPa")
        let target = try targetNode.quantity(expecting: .pressure, defaultUnit: "MPa").value
        guard target >= 0 else { throw targetNode.error("must not be negative") }
        let tolerance = try node.optional("tolerance")?.positive(.pressure, defaultUnit: "MPa") ?? max(0.05 * target, 0.1e6)
        let settle = try node.optional("settle")?.duration() ?? 0
        let timeout = try node.optional("timeout")?.duration() ?? max(600, 2 * settle)
        guard timeout > settle else { throw try node.required("timeout").error("must be longer than settle (\(settle) s)") }
        return PressureSetting(target: target, tolerance: tolerance, settle: settle, timeout: timeout)
    }

    private func loop(_ node: ConfigNode, diagnostics: inout Diagnostics) throws(ConfigurationError) -> Loop {
        try node.rejectUnknownKeys(allowed: ["count", "until", "cycle", "steps"])
        let count = try node.optional("count")?.integer(in: 1...10_000_000)
        let until = try node.optional("until").map { (n) throws(ConfigurationError) in try conditions(n) } ?? []
        guard count != nil || !until.isEmpty else {
            throw node.error("a loop needs \"count: N\", \"until: [...]\" or both, or it would never end")
        }
        let countsCycles = try node.optional("cycle")?.bool() ?? false
        let stepsNode = try node.required("steps", hint: "steps: [cc: C/10, ...]")
        let steps = parseList(stepsNode, diagnostics: &diagnostics)
        if try stepsNode.items().isEmpty { throw stepsNode.error("a loop needs at least one step") }
        return Loop(count: count, until: until, countsCycles: countsCycles, steps: steps)
    }
}
