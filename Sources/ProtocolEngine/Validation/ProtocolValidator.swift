import CyclerConfiguration
import Electrochemistry
import Instruments

/// Checks a parsed protocol against a cell and a channel before anything runs.
///
/// Returns every problem found, each located: quantities that cannot be
/// resolved (a C-rate without a capacity), capabilities the channel lacks (EIS
/// on an SMU), limits that contradict each other or can never be reached, and
/// flow that cannot work (unknown or unreachable `goto`, bad nesting).
public struct ProtocolValidator {
    public let definition: ProtocolDefinition
    public let cell: CellContext
    public let channel: ChannelCapabilities
    /// The cell file's `voltage_window` (V): every voltage the protocol drives
    /// to or stops at must lie inside it, or the protocol is for another cell.
    public let voltageWindow: ClosedRange<Double>?
    var diagnostics = Diagnostics()
    /// Every label in the protocol, with where it is and which loop bodies enclose it.
    var labels: [String: LabelSite] = [:]

    struct LabelSite {
        var location: FileLocation
        /// Identities of the loops (and interleaves) around the label, outermost first.
        var scopes: [Int]
    }

    /// Validates `definition`; with no `cell`, the protocol's declared requirements stand in for one.
    public static func validate(_ definition: ProtocolDefinition, cell: CellContext? = nil,
                                channel: ChannelCapabilities) -> [ConfigurationError] {
        validate(definition, cell: cell ?? .declared(by: definition.requirements), voltageWindow: nil, channel: channel)
    }

    /// Validates `definition` against a cell file: its facts, and its voltage
    /// window, so an NMC811 protocol does not validate on a Li–S cell.
    public static func validate(_ definition: ProtocolDefinition, cellFile: CellDescription,
                                channel: ChannelCapabilities) -> [ConfigurationError] {
        validate(definition, cell: CellContext(cellFile), voltageWindow: cellFile.voltageWindow, channel: channel)
    }

    private static func validate(_ definition: ProtocolDefinition, cell: CellContext, voltageWindow: ClosedRange<Double>?,
                                 channel: ChannelCapabilities) -> [ConfigurationError] {
        var validator = ProtocolValidator(definition: definition, cell: cell, channel: channel, voltageWindow: voltageWindow)
        validator.run()
        return ProtocolErrors(validator.diagnostics.errors).errors
    }

    init(definition: ProtocolDefinition, cell: CellContext, channel: ChannelCapabilities,
         voltageWindow: ClosedRange<Double>? = nil) {
        self.definition = definition
        self.cell = cell
        self.channel = channel
        self.voltageWindow = voltageWindow
    }

    mutating func run() {
        checkRequirements()
        checkSafety()
        checkRecord(definition.record, at: FileLocation(file: definition.file, line: 0, column: 0, field: "record"))
        var scopeCounter = 0
        collectLabels(definition.steps, scopes: [], counter: &scopeCounter)
        scopeCounter = 0
        var walk = Walk()
        check(definition.steps, scopes: [], walk: &walk, counter: &scopeCounter)
        if walk.usesCycleInterleave, !walk.hasCycleLoop, let location = walk.cycleInterleaveLocation {
            diagnostics.report(location.error("\"every: {cycles: N}\" needs a loop marked \"cycle: true\" to count cycles; "
                + "mark the loop whose iterations are your cycles"))
        }
    }

    /// What the walk has seen so far.
    struct Walk {
        var hasCycleLoop = false
        var usesCycleInterleave = false
        var cycleInterleaveLocation: FileLocation?
        var hasEIS = false
        var hasTemperatureSteps = false
        var hasPressureSteps = false
        var polarisationModes: Set<Polarisation.Mode> = []
        var loopDepth = 0
        var insideCycleLoop = false
        var insideInterleave = false
    }

    static let maximumNesting = 16

    // MARK: Header

    private mutating func checkRequirements() {
        let requirements = definition.requirements
        guard !cell.isNominal, let location = requirements.location else { return }
        if !requirements.kinds.isEmpty, let kind = cell.kind, !requirements.kinds.contains(kind) {
            diagnostics.report(location.error("the protocol is for \(requirements.kinds.map(\.rawValue).joined(separator: " or ")) cells, "
                + "but \(cell.name) is \(kind.rawValue)"))
        }
        let missingTags = requirements.chemistry.filter { !cell.chemistry.contains($0) }
        if !missingTags.isEmpty {
            diagnostics.report(location.error("the protocol requires chemistry \(missingTags.joined(separator: ", ")), "
                + "which \(cell.name) does not list (it has: \(cell.chemistry.joined(separator: ", ")))"))
        }
        for (needed, present, property) in [(requirements.capacity, cell.capacity != nil, "capacity"),
                                            (requirements.area, cell.area != nil, "area"),
                                            (requirements.thickness, cell.thickness != nil, "electrolyte_thickness")]
        where needed && !present {
            diagnostics.report(location.error("the protocol needs the cell's \(property), but \(cell.name) has none; "
                + "add \"\(property):\" to the cell file"))
        }
    }

    private mutating func checkSafety() {
        for limit in definition.safety.limits {
            switch limit.quantity {
            case .temperature where !channel.temperatureSensor:
                diagnostics.report(limit.location.error("a temperature limit needs a temperature sensor, and this channel has none"))
            case .pressure where channel.pressure == .none:
                diagnostics.report(limit.location.error("a pressure limit needs a load cell, and this channel has none"))
            case .voltage:
                let range = channel.potentiostat.voltageRange
                if !range.contains(limit.value) {
                    diagnostics.report(limit.location.error("\(ProtocolVocabulary.volts(limit.value)) is outside what the "
                        + "potentiostat can measure (\(ProtocolVocabulary.volts(range.lowerBound))…\(ProtocolVocabulary.volts(range.upperBound)))"))
                }
            default: break
            }
        }
    }

    mutating func checkRecord(_ record: RecordPolicy, at location: FileLocation) {
        if record.sampleInterval < channel.potentiostat.minimumSampleInterval {
            diagnostics.report(location.error("samples every \(record.sampleInterval) s, faster than the instrument's "
                + "\(channel.potentiostat.minimumSampleInterval) s"))
        }
    }

    // MARK: Labels

    private mutating func collectLabels(_ steps: [Step], scopes: [Int], counter: inout Int) {
        for step in steps {
            var names: [String] = []
            if let label = step.label { names.append(label) }
            if case .tag(let tag) = step.kind { names.append(tag) }
            for name in names {
                if let earlier = labels[name] {
                    diagnostics.report(step.location.error("the label \"\(name)\" is already used at line \(earlier.location.line); "
                        + "labels must be unique"))
                } else {
                    labels[name] = LabelSite(location: step.location, scopes: scopes)
                }
            }
            switch step.kind {
            case .loop(let loop):
                counter += 1
                collectLabels(loop.steps, scopes: scopes + [counter], counter: &counter)
            case .every(let interleave):
                counter += 1
                collectLabels(interleave.steps, scopes: scopes + [counter], counter: &counter)
            default: break
            }
        }
    }

    /// A `goto` must name a label, and may leave loops but never enter one.
    mutating func checkGoto(_ exit: Exit, in step: Step, scopes: [Int]) {
        guard let target = exit.goto else { return }
        let location = exit.gotoLocation ?? exit.condition.location
        guard let site = labels[target] else {
            let known = labels.keys.sorted()
            let nearest = known.min { target.distance(to: $0) < target.distance(to: $1) }
            let hint = nearest.flatMap { target.distance(to: $0) <= max(2, target.count / 3) ? " Did you mean \"\($0)\"?" : nil }
                ?? (known.isEmpty ? " The protocol has no labels; add \"label: \(target)\" to a step." : " Labels: \(known.joined(separator: ", ")).")
            diagnostics.report(location.error("goto \"\(target)\": no step has this label.\(hint)"))
            return
        }
        if !site.scopes.allSatisfy(scopes.contains) {
            diagnostics.report(location.error("goto \"\(target)\" jumps into a loop (or every) from outside it, "
                + "which can never reach that step with a defined iteration; jump to the loop's own label instead"))
        }
        let timeLimits = step.until.filter { $0.goto == nil && $0.condition.variable == .time }.map(\.condition.threshold.value)
        if exit.condition.variable == .time, exit.condition.comparison.isUpper,
           let first = timeLimits.min(), first <= exit.condition.threshold.value {
            diagnostics.report(exit.condition.location.error("this goto can never fire: the step ends at t = \(first) s, "
                + "before \(exit.condition.text)"))
        }
    }
}

extension String {
    /// Levenshtein distance, for "did you mean" on labels.
    func distance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
