import CyclerConfiguration
import Electrochemistry
import Instruments

extension ProtocolValidator {
    mutating func check(_ steps: [Step], scopes: [Int], walk: inout Walk, counter: inout Int) {
        for step in steps {
            check(step, scopes: scopes, walk: &walk, counter: &counter)
        }
    }

    private mutating func check(_ step: Step, scopes: [Int], walk: inout Walk, counter: inout Int) {
        if let record = step.record { checkRecord(record, at: step.location.shifted(by: 0)) }
        for (exit, isTermination) in step.until.map({ ($0, true) }) + step.failIf.map({ ($0, false) }) {
            checkCondition(exit.condition, isTermination: isTermination)
            checkGoto(exit, in: step, scopes: scopes)
            if exit.goto != nil, walk.insideInterleave {
                diagnostics.report((exit.gotoLocation ?? exit.condition.location).error(
                    "a goto inside an \"every\" block would leave it half-run; end the block's step with until instead"))
            }
        }
        if step.kind.drivesTheCell, step.until.isEmpty {
            if case .cccv = step.kind {
                diagnostics.report(step.location.error("a cccv step ends at its cutoff only once it reaches its voltage; "
                    + "add a time limit such as until: [\"t >= 10 h\"]"))
            } else {
                diagnostics.report(step.location.error("\(step.kind.keyword) step has no \"until:\" and would never end; "
                    + "add e.g. until: [\"V >= 4.2 V\", \"t >= 10 h\"]"))
            }
        }
        switch step.kind {
        case .rest:
            if step.until.isEmpty {
                diagnostics.report(step.location.error("a rest needs a duration (\"rest: 10 min\") or until: conditions"))
            }
        case .constantCurrent(let control):
            if let amps = resolvedCurrent(control.current, at: step.valueLocation) {
                checkDirection(of: step, current: amps)
                if !cell.isNominal { checkAgainstSafety(.current, amps, at: step.valueLocation, what: "the current") }
                if let increment = control.increment { _ = resolvedCurrent(increment, at: step.valueLocation) }
                if amps == 0 { diagnostics.report(step.valueLocation.error("a constant current of 0 is a rest; use \"rest:\"")) }
            }
            requireMode(galvanostatic: true, at: step.valueLocation)
        case .constantVoltage(let control):
            checkVoltage(control.voltage, at: step.valueLocation, what: "the hold voltage")
            if let limit = control.currentLimit { _ = resolvedCurrent(limit, at: step.valueLocation) }
            requireMode(galvanostatic: false, at: step.valueLocation)
        case .constantPower(let watts):
            if watts == 0 { diagnostics.report(step.valueLocation.error("a constant power of 0 W is a rest; use \"rest:\"")) }
            requireMode(galvanostatic: true, at: step.valueLocation)
        case .constantResistance(let ohms, _):
            if ohms <= 0 { diagnostics.report(step.valueLocation.error("the load resistance must be positive")) }
            requireMode(galvanostatic: true, at: step.valueLocation)
        case .cccv(let cccv):
            checkVoltage(cccv.voltage, at: step.valueLocation, what: "the CV voltage")
            if let amps = resolvedCurrent(cccv.current, at: step.valueLocation),
               let cutoff = resolvedCurrent(cccv.cutoff, at: step.valueLocation), !cell.isNominal || cccv.current.dimension == cccv.cutoff.dimension {
                if abs(cutoff) >= abs(amps) {
                    diagnostics.report(step.valueLocation.error("the cutoff \(ProtocolVocabulary.current(cutoff)) is not below "
                        + "the current \(ProtocolVocabulary.current(amps)); "
                        + "the CV phase would end at once"))
                }
            }
            requireMode(galvanostatic: true, at: step.valueLocation)
            requireMode(galvanostatic: false, at: step.valueLocation)
        case .pulse(let train):
            if let amps = resolvedCurrent(train.current, at: step.valueLocation) {
                checkDirection(of: step, current: amps)
                if !cell.isNominal { checkAgainstSafety(.current, amps, at: step.valueLocation, what: "the pulse current") }
            }
            requireMode(galvanostatic: true, at: step.valueLocation)
        case .eis(let settings):
            checkEIS(settings, at: step.valueLocation)
            walk.hasEIS = true
        case .polarisation(let polarisation):
            checkPolarisation(polarisation, at: step.valueLocation)
            walk.polarisationModes.insert(polarisation.mode)
            if polarisation.eis != nil { walk.hasEIS = true }
        case .sweep(let sweep):
            if let start = sweep.start { checkVoltage(start, at: step.valueLocation, what: "the sweep start") }
            for vertex in sweep.vertices { checkVoltage(vertex, at: step.valueLocation, what: "the vertex") }
            if sweep.vertices.isEmpty { diagnostics.report(step.valueLocation.error("a sweep needs at least one vertex")) }
            requireMode(galvanostatic: false, at: step.valueLocation)
        case .setTemperature(let setting):
            walk.hasTemperatureSteps = true
            if !channel.thermalController {
                diagnostics.report(step.valueLocation.error("set_temperature needs a temperature controller, and this channel has none"))
            }
            checkAgainstSafety(.temperature, setting.target, at: step.valueLocation, what: "the target temperature")
            checkHot(setting.target, at: step.valueLocation)
        case .setPressure(let setting):
            walk.hasPressureSteps = true
            if channel.pressure != .actuator {
                diagnostics.report(step.valueLocation.error("set_pressure needs a rig with an actuator; this channel has "
                    + (channel.pressure == .sensor ? "only a load cell (use wait_pressure or expect_pressure)" : "no pressure rig")))
            }
            checkAgainstSafety(.pressure, setting.target, at: step.valueLocation, what: "the target pressure")
        case .waitPressure, .expectPressure:
            walk.hasPressureSteps = true
            if channel.pressure == .none {
                diagnostics.report(step.valueLocation.error("\(step.kind.keyword) needs a load cell, and this channel has none"))
            }
        case .loop(let loop):
            counter += 1
            let id = counter
            if walk.loopDepth >= Self.maximumNesting {
                diagnostics.report(step.location.error("loops nest more than \(Self.maximumNesting) deep"))
            }
            if loop.countsCycles {
                if walk.insideCycleLoop {
                    diagnostics.report(step.location.error("this loop counts cycles inside another loop that counts cycles; "
                        + "mark only the loop whose iterations are your cycles with \"cycle: true\""))
                }
                if walk.insideInterleave {
                    diagnostics.report(step.location.error("an \"every\" block cannot count cycles"))
                }
                walk.hasCycleLoop = true
            }
            for condition in loop.until {
                checkCondition(condition, isTermination: false)
                if ![.voltage, .voltageMagnitude, .current, .currentMagnitude, .pressure, .temperature].contains(condition.variable) {
                    diagnostics.report(condition.location.error("a loop's until looks at the last sample of each iteration; "
                        + "compare V, |V|, I, |I|, P or T (step time and charge belong in a step's until)"))
                }
            }
            var inner = walk
            inner.loopDepth += 1
            inner.insideCycleLoop = walk.insideCycleLoop || loop.countsCycles
            check(loop.steps, scopes: scopes + [id], walk: &inner, counter: &counter)
            walk.merge(inner)
        case .tag:
            break
        case .every(let interleave):
            counter += 1
            let id = counter
            if walk.insideInterleave {
                diagnostics.report(step.location.error("\"every\" blocks cannot nest"))
            }
            if case .cycles = interleave.period {
                walk.usesCycleInterleave = true
                walk.cycleInterleaveLocation = walk.cycleInterleaveLocation ?? step.valueLocation
            }
            if interleave.steps.isEmpty { diagnostics.report(step.valueLocation.error("an \"every\" block needs steps")) }
            var inner = walk
            inner.insideInterleave = true
            check(interleave.steps, scopes: scopes + [id], walk: &inner, counter: &counter)
            walk.merge(inner)
        case .analyse(let kind):
            checkAnalysis(kind, at: step.valueLocation, walk: walk)
        }
    }

    // MARK: Quantities

    mutating func resolvedCurrent(_ q: Quantity, at location: FileLocation) -> Double? {
        guard let amps = diagnostics.attempt({ () throws(ConfigurationError) in try cell.current(q, at: location) }) else { return nil }
        if !cell.isNominal, abs(amps) > channel.potentiostat.maximumCurrent {
            diagnostics.report(location.error("\(q.labText()) is \(ProtocolVocabulary.current(abs(amps))) on \(cell.name), beyond the "
                + "instrument's \(ProtocolVocabulary.current(channel.potentiostat.maximumCurrent))"))
        }
        return amps
    }

    private mutating func checkCondition(_ condition: Condition, isTermination: Bool) {
        _ = diagnostics.attempt { () throws(ConfigurationError) in try cell.threshold(of: condition) }
        if isTermination, condition.variable == .voltage {
            checkWindow(condition.threshold.value, at: condition.location, what: "the voltage cut-off")
        }
        switch condition.variable {
        case .pressure where channel.pressure == .none:
            diagnostics.report(condition.location.error("\(condition.text) reads pressure, and this channel has no load cell"))
        case .temperature where !channel.temperatureSensor:
            diagnostics.report(condition.location.error("\(condition.text) reads temperature, and this channel has no sensor"))
        default: break
        }
    }

    /// A voltage the protocol drives the cell to.
    private mutating func checkVoltage(_ volts: Double, at location: FileLocation, what: String, inWindow: Bool = true) {
        let range = channel.potentiostat.voltageRange
        if !range.contains(volts) {
            diagnostics.report(location.error("\(what) \(ProtocolVocabulary.volts(volts)) is outside the instrument's "
                + "\(ProtocolVocabulary.volts(range.lowerBound))…\(ProtocolVocabulary.volts(range.upperBound))"))
        }
        checkAgainstSafety(.voltage, volts, at: location, what: what)
        if inWindow { checkWindow(volts, at: location, what: what) }
    }

    /// Set-points and cut-offs outside the cell file's voltage window would
    /// overcharge or overdischarge it: the protocol was written for another cell.
    private mutating func checkWindow(_ volts: Double, at location: FileLocation, what: String) {
        guard let window = voltageWindow, !window.contains(volts) else { return }
        diagnostics.report(location.error("\(what) \(ProtocolVocabulary.volts(volts)) is outside \(cell.name)'s voltage window "
            + "\(ProtocolVocabulary.volts(window.lowerBound))…\(ProtocolVocabulary.volts(window.upperBound)) (its cell file's "
            + "voltage_window); keep the protocol's voltages inside it, or use a protocol written for this cell"))
    }

    /// Above this a chamber setpoint is beyond what any solid-state cell here
    /// is run at, and more likely a kelvin value read as °C.
    static let hotSetpoint = 423.15

    /// A setpoint above `hotSetpoint` runs only under an explicit temperature
    /// limit, so a mistyped unit cannot heat a cell unchecked.
    private mutating func checkHot(_ kelvin: Double, at location: FileLocation) {
        guard kelvin > Self.hotSetpoint, definition.safety.limit(.temperature, maximum: true) == nil else { return }
        diagnostics.report(location.error("a setpoint of \(ProtocolVocabulary.value(kelvin, .temperature)) is above "
            + "\(ProtocolVocabulary.value(Self.hotSetpoint, .temperature)) and needs an explicit limit: add "
            + "safety: {temperature: {max: …}} above it, or, if you meant kelvin, write the unit (\"298 K\")"))
    }

    private mutating func checkAgainstSafety(_ quantity: SafetyLimits.Quantity, _ value: Double, at location: FileLocation,
                                             what: String) {
        let safety = definition.safety
        let text = { (v: Double) in ProtocolVocabulary.value(v, quantity) }
        if let max = safety.limit(quantity, maximum: true), value > max.value {
            diagnostics.report(location.error("\(what) \(text(value)) is above the safety maximum "
                + "\(text(max.value)) (line \(max.location.line)); the job would trip at once"))
        }
        if let min = safety.limit(quantity, maximum: false), value < min.value {
            diagnostics.report(location.error("\(what) \(text(value)) is below the safety minimum "
                + "\(text(min.value)) (line \(min.location.line)); the job would trip at once"))
        }
    }

    /// A step that drives current one way must be able to reach its voltage
    /// terminations, and they must lie inside the safety window.
    private mutating func checkDirection(of step: Step, current amps: Double) {
        let voltageExits = step.until.filter { $0.condition.variable == .voltage }
        for exit in voltageExits {
            let threshold = exit.condition.threshold.value
            if exit.condition.comparison.isUpper, let max = definition.safety.limit(.voltage, maximum: true), threshold > max.value {
                diagnostics.report(exit.condition.location.error("\(exit.condition.text) can never be reached: the safety "
                    + "maximum \(ProtocolVocabulary.volts(max.value)) (line \(max.location.line)) trips first"))
            }
            if !exit.condition.comparison.isUpper, let min = definition.safety.limit(.voltage, maximum: false), threshold < min.value {
                diagnostics.report(exit.condition.location.error("\(exit.condition.text) can never be reached: the safety "
                    + "minimum \(ProtocolVocabulary.volts(min.value)) (line \(min.location.line)) trips first"))
            }
        }
        let others = step.until.filter { $0.condition.variable != .voltage }
        guard others.isEmpty, !voltageExits.isEmpty, amps != 0 else { return }
        let charging = amps > 0
        if voltageExits.allSatisfy({ $0.condition.comparison.isUpper != charging }) {
            let direction = charging ? "charges (positive current), so the voltage rises" : "discharges (negative current), so the voltage falls"
            diagnostics.report(voltageExits[0].condition.location.error("this step \(direction), away from "
                + "\(voltageExits[0].condition.text), and it has no other termination; flip the sign of the current, "
                + "the comparison, or add a time limit"))
        }
    }

    private mutating func requireMode(galvanostatic: Bool, at location: FileLocation) {
        let caps = channel.potentiostat
        if galvanostatic, !caps.galvanostatic {
            diagnostics.report(location.error("this step needs galvanostatic control, which the instrument lacks"))
        }
        if !galvanostatic, !caps.potentiostatic {
            diagnostics.report(location.error("this step needs potentiostatic control, which the instrument lacks"))
        }
    }

    // MARK: EIS and analyses

    mutating func checkEIS(_ settings: EISSettings, at location: FileLocation) {
        let caps = channel.potentiostat
        let supported = settings.mode == .potentiostatic ? caps.potentiostaticEIS : caps.galvanostaticEIS
        guard supported else {
            diagnostics.report(location.error("\(settings.mode.rawValue) EIS needs an impedance-capable potentiostat; "
                + "this channel's instrument has none (an SMU cannot do EIS)"))
            return
        }
        if let band = caps.frequencyRange {
            for f in [settings.startFrequency, settings.endFrequency] where !band.contains(f) {
                diagnostics.report(location.error("\(Quantity(f, .frequency).labText()) is outside the instrument's EIS range "
                    + "\(Quantity(band.lowerBound, .frequency).labText())…\(Quantity(band.upperBound, .frequency).labText())"))
            }
        }
        if settings.mode == .galvanostatic {
            _ = resolvedCurrent(settings.amplitude, at: location)
            if let dc = settings.dcLevel { _ = resolvedCurrent(dc, at: location) }
        } else {
            if settings.amplitude.value > 0.1 {
                diagnostics.report(location.error("an amplitude of \(settings.amplitude.labText()) is far outside the linear regime; "
                    + "use 5–20 mV rms"))
            }
            if let dc = settings.dcLevel { checkVoltage(dc.value, at: location, what: "the DC level", inWindow: false) }
        }
    }

    private mutating func checkPolarisation(_ polarisation: Polarisation, at location: FileLocation) {
        requireMode(galvanostatic: false, at: location)
        if let eis = polarisation.eis { checkEIS(eis, at: location) }
        guard let kind = cell.kind else { return }
        switch polarisation.mode {
        case .electronic where kind != .ionBlocking:
            diagnostics.report(location.error("electronic DC polarisation needs ion-blocking electrodes (SS|SE|SS), "
                + "but the cell is \(kind.rawValue)"))
        case .transference where kind != .symmetricLithium:
            diagnostics.report(location.error("Bruce–Vincent needs a symmetric Li cell, but the cell is \(kind.rawValue)"))
        default: break
        }
    }

    private mutating func checkAnalysis(_ kind: AnalysisKind, at location: FileLocation, walk: Walk) {
        let missing: String? = switch kind {
        case .arrhenius where !(walk.hasEIS && walk.hasTemperatureSteps):
            "an Arrhenius analysis needs EIS at several set_temperature steps before it"
        case .pressureSeries where !(walk.hasEIS && walk.hasPressureSteps):
            "a pressure series needs EIS at several set_pressure steps before it"
        case .transference where !walk.polarisationModes.contains(.transference):
            "a transference analysis needs a dc_polarisation in transference mode before it"
        case .electronic where !walk.polarisationModes.contains(.electronic):
            "an electronic-conductivity analysis needs a dc_polarisation in electronic mode before it"
        case .arrhenius where cell.thickness == nil, .electronic where cell.thickness == nil:
            "conductivities need the electrolyte thickness: add \"thickness: true\" under requires:"
        default: nil
        }
        if let missing { diagnostics.report(location.error(missing)) }
    }
}

extension ProtocolValidator.Walk {
    /// Takes what a nested list found, keeping the outer nesting state.
    mutating func merge(_ inner: Self) {
        hasCycleLoop = hasCycleLoop || inner.hasCycleLoop
        usesCycleInterleave = usesCycleInterleave || inner.usesCycleInterleave
        cycleInterleaveLocation = cycleInterleaveLocation ?? inner.cycleInterleaveLocation
        hasEIS = hasEIS || inner.hasEIS
        hasTemperatureSteps = hasTemperatureSteps || inner.hasTemperatureSteps
        hasPressureSteps = hasPressureSteps || inner.hasPressureSteps
        polarisationModes.formUnion(inner.polarisationModes)
    }
}
