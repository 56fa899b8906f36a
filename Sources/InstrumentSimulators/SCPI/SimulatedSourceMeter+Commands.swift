import Foundation
import Instruments

/// The command set: which headers each model knows, and what they do.
extension SimulatedSourceMeter {
    enum Action: Sendable {
        case identify, reset, clearStatus, operationComplete, wait, eventStatus, nextError
        case output, sourceFunction
        case level(Function), compliance(Function)
        case senseFunction, formatElements, read
        /// Accepted and checked, without effect on the simulation (ranges,
        /// integration time, remote sense, read-back, source mode).
        case booleanSetting, numericSetting, mnemonicSetting([String])
    }

    private static let common: [(String, Action)] = [
        ("*IDN", .identify), ("*RST", .reset), ("*CLS", .clearStatus), ("*OPC", .operationComplete),
        ("*WAI", .wait), ("*ESR", .eventStatus),
        ("SYSTem:ERRor[:NEXT]", .nextError),
        ("OUTPut[:STATe]", .output),
        ("SOURce:FUNCtion[:MODE]", .sourceFunction),
        ("SOURce:CURRent[:LEVel][:IMMediate][:AMPLitude]", .level(.current)),
        ("SOURce:VOLTage[:LEVel][:IMMediate][:AMPLitude]", .level(.voltage)),
        ("SOURce:CURRent:RANGe:AUTO", .booleanSetting), ("SOURce:VOLTage:RANGe:AUTO", .booleanSetting),
        ("SENSe:VOLTage:RANGe:AUTO", .booleanSetting), ("SENSe:CURRent:RANGe:AUTO", .booleanSetting),
        ("SENSe:VOLTage:NPLCycles", .numericSetting), ("SENSe:CURRent:NPLCycles", .numericSetting),
        ("READ", .read),
    ]

    private static let keithley2450: [(SCPIHeaderPattern, Action)] = compile(common + [
        ("OUTPut:SMODe", .mnemonicSetting(["NORM", "NORMAL", "HIMP", "HIMPEDANCE", "ZERO", "GUAR", "GUARD"])),
        ("SOURce:CURRent:VLIMit[:LEVel]", .compliance(.voltage)),
        ("SOURce:VOLTage:ILIMit[:LEVel]", .compliance(.current)),
        ("SOURce:CURRent:READ:BACK", .booleanSetting), ("SOURce:VOLTage:READ:BACK", .booleanSetting),
        ("SENSe:FUNCtion[:ON]", .senseFunction),
        ("SENSe:VOLTage:RSENse", .booleanSetting), ("SENSe:CURRent:RSENse", .booleanSetting),
    ])

    private static let keithley2400: [(SCPIHeaderPattern, Action)] = compile(common + [
        ("OUTPut:SMODe", .mnemonicSetting(["NORM", "NORMAL", "HIMP", "HIMPEDANCE", "ZERO", "GUAR", "GUARD"])),
        ("SENSe:VOLTage:PROTection[:LEVel]", .compliance(.voltage)),
        ("SENSe:CURRent:PROTection[:LEVel]", .compliance(.current)),
        ("SOURce:CURRent:MODE", .mnemonicSetting(["FIX", "FIXED", "LIST", "SWE", "SWEEP"])),
        ("SOURce:VOLTage:MODE", .mnemonicSetting(["FIX", "FIXED", "LIST", "SWE", "SWEEP"])),
        ("SENSe:FUNCtion[:ON]", .senseFunction),
        ("SENSe:FUNCtion:CONCurrent", .booleanSetting),
        ("SYSTem:RSENse", .booleanSetting),
        ("FORMat:ELEMents[:SENSe]", .formatElements),
    ])

    private static func compile(_ table: [(String, Action)]) -> [(SCPIHeaderPattern, Action)] {
        table.map { (SCPIHeaderPattern($0.0), $0.1) }
    }

    func run(_ command: SCPICommand) async throws(SCPICommandError) -> String? {
        let table = model == .keithley2450 ? Self.keithley2450 : Self.keithley2400
        guard let action = table.first(where: { $0.0.matches(command.nodes) })?.1 else { throw .undefinedHeader }
        let p = command.parameters
        if command.isQuery {
            return try await query(action, p)
        }
        switch action {
        case .identify, .operationComplete, .eventStatus, .nextError, .read:
            throw .undefinedHeader  // query-only headers
        case .reset: await reset()
        case .clearStatus: clearErrors()
        case .wait: break
        case .output:
            output = try Self.boolean(p)
            if output { await updateSource() } else { await switchOutputOff() }
        case .mnemonicSetting(let allowed):
            guard let word = p.first?.uppercased() else { throw .missingParameter }
            guard allowed.contains(word) else { throw .illegalValue }
        case .sourceFunction:
            sourceFunction = try Self.function(p)
            await updateSource()
        case .level(let function):
            let limit = function == .current ? Self.maximumCurrent : Self.maximumVoltage
            let value = try Self.number(p, within: -limit...limit)
            if function == .current { currentLevel = value } else { voltageLevel = value }
            await updateSource()
        case .compliance(let function):
            if function == .voltage {
                voltageLimit = try Self.number(p, within: 0.02...Self.maximumVoltage)
            } else {
                currentLimit = try Self.number(p, within: 1e-9...Self.maximumCurrent)
            }
            await updateSource()
        case .senseFunction:
            guard !p.isEmpty else { throw .missingParameter }
            let functions = try p.map { text throws(SCPICommandError) in try Self.function([Self.unquote(text)]) }
            senseFunction = functions[0]
        case .formatElements:
            let elements = p.map { $0.uppercased() }
            guard !elements.isEmpty else { throw .missingParameter }
            guard elements.allSatisfy({ ["VOLT", "CURR", "RES", "TIME", "STAT"].contains($0) }) else { throw .illegalValue }
            formatElements = elements
        case .booleanSetting: _ = try Self.boolean(p)
        case .numericSetting: _ = try Self.number(p, within: 0.01...10)
        }
        return nil
    }

    private func query(_ action: Action, _ p: [String]) async throws(SCPICommandError) -> String {
        switch action {
        case .identify: return identification
        case .operationComplete: return "1"
        case .eventStatus: return "0"
        case .nextError: return popError().description
        case .output: return output ? "1" : "0"
        case .sourceFunction: return sourceFunction == .current ? "CURR" : "VOLT"
        case .level(let function): return Self.format(function == .current ? currentLevel : voltageLevel)
        case .compliance(let function): return Self.format(function == .voltage ? voltageLimit : currentLimit)
        case .senseFunction: return senseFunction == .current ? "\"CURR:DC\"" : "\"VOLT:DC\""
        case .formatElements: return formatElements.joined(separator: ",")
        case .read: return try await read(p)
        default: throw .undefinedHeader
        }
    }

    /// `:READ?`. The 2450 takes an optional buffer name, then the elements to
    /// return (READ, SOUR, REL; READ alone by default). The 2400 returns the
    /// `:FORM:ELEM` fields in its fixed order.
    private func read(_ p: [String]) async throws(SCPICommandError) -> String {
        let sample = try await takeReading()
        let sensed = senseFunction == .voltage ? sample.voltage : sample.current
        let sourced = sourceFunction == .voltage ? sample.voltage : sample.current
        switch model {
        case .keithley2450:
            var elements = p
            if let first = elements.first, first.hasPrefix("\"") {
                guard Self.unquote(first) == "defbuffer1" || Self.unquote(first) == "defbuffer2" else { throw .illegalValue }
                elements.removeFirst()
            }
            if elements.isEmpty { elements = ["READ"] }
            return try elements.map { element throws(SCPICommandError) in
                switch element.uppercased() {
                case "READ", "READING": Self.format(sensed)
                case "SOUR", "SOURCE": Self.format(sourced)
                case "REL", "RELATIVE": Self.format(sample.time)
                default: throw .illegalValue
                }
            }.joined(separator: ",")
        case .keithley2400:
            let resistance = sample.current == 0 ? 9.91e37 : sample.voltage / sample.current
            let values: [(String, Double)] = [("VOLT", sample.voltage), ("CURR", sample.current), ("RES", resistance),
                                               ("TIME", sample.time), ("STAT", output ? 0x0400 : 0)]
            return values.filter { formatElements.contains($0.0) }.map { Self.format($0.1) }.joined(separator: ",")
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%+.6E", value)
    }

    static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    static func boolean(_ p: [String]) throws(SCPICommandError) -> Bool {
        guard let word = p.first?.uppercased() else { throw .missingParameter }
        switch word {
        case "ON", "1": return true
        case "OFF", "0": return false
        default: throw .illegalValue
        }
    }

    static func function(_ p: [String]) throws(SCPICommandError) -> Function {
        guard let word = p.first?.uppercased() else { throw .missingParameter }
        switch word {
        case "CURR", "CURRENT", "CURR:DC", "CURRENT:DC": return .current
        case "VOLT", "VOLTAGE", "VOLT:DC", "VOLTAGE:DC": return .voltage
        default: throw .illegalValue
        }
    }

    static func number(_ p: [String], within range: ClosedRange<Double>) throws(SCPICommandError) -> Double {
        guard let text = p.first else { throw .missingParameter }
        switch text.uppercased() {
        case "MIN", "MINIMUM": return range.lowerBound
        case "MAX", "MAXIMUM": return range.upperBound
        default:
            guard let value = Double(text), value.isFinite else { throw .dataType }
            guard range.contains(value) else { throw .outOfRange }
            return value
        }
    }
}
