import CyclerConfiguration
import Electrochemistry
import Foundation
import Transport

extension ModbusRegisterMap {
    static let fields = ["vendor", "model", "addressing", "force", "pressure", "temperature", "setpoint", "status",
                         "area", "safe_setpoint"]

    /// How register numbers in a map are written.
    enum Addressing: String, CaseIterable {
        /// Zero-based wire addresses, decimal or 0x hexadecimal (`0x2000`).
        case pdu
        /// Manual numbering: 40001 is holding register 0, 30001 input register 0.
        case modicon
    }

    /// Reads a map file, reporting the first mistake with its line, column and field.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> ModbusRegisterMap {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, line: 0, column: 0, field: "",
                                     message: "cannot read the register map: \(error.localizedDescription)")
        }
        return try ModbusRegisterMap(yaml: text, file: path)
    }

    public init(yaml text: String, file: String) throws(ConfigurationError) {
        try self.init(node: try ConfigNode.parse(yaml: text, file: file))
    }

    public init(node root: ConfigNode) throws(ConfigurationError) {
        _ = try root.entries()  // a map is a mapping; says so if it is not
        try root.rejectUnknownKeys(allowed: Self.fields)
        let addressing = try root.optional("addressing")?.choice(Addressing.self) ?? .pdu
        let present = Measurand.allCases.filter { (try? root.optional($0.rawValue)) != nil }
        guard present.count == 1, let measurand = present.first else {
            throw root.error(present.isEmpty
                ? "names no measurement; add one of \"force:\", \"pressure:\" or \"temperature:\" with its register"
                : "names \(present.map(\.rawValue).joined(separator: " and ")); a map describes one measurement")
        }
        let dimension = measurand.dimension
        let measurement = try ModbusField(node: root.required(measurand.rawValue), name: measurand.rawValue,
                                          addressing: addressing, dimension: dimension, defaultUnit: nil)
        let setpointNode = try root.optional("setpoint")
        let setpoint = try setpointNode.map { (node) throws(ConfigurationError) in
            try ModbusField(node: node, name: "setpoint", addressing: addressing,
                            dimension: dimension, defaultUnit: measurement.unit)
        }
        if let setpoint, let setpointNode, setpoint.table != .holding {
            throw setpointNode.error("is an input register, which cannot be written; a setpoint must be a holding register")
        }
        let status = try root.optional("status").map { (node) throws(ConfigurationError) in
            try ModbusStatusField(node: node, addressing: addressing)
        }
        let area = try root.optional("area").map { (node) throws(ConfigurationError) in
            guard measurand == .force else { throw node.error("applies only to force maps, which convert force to pressure") }
            let value = try node.quantity(expecting: .area, defaultUnit: "cm2").value
            guard value > 0 else { throw node.error("must be positive") }
            return value
        }
        let safeSetpoint = try root.optional("safe_setpoint").map { (node) throws(ConfigurationError) in
            guard setpoint != nil else { throw node.error("needs a \"setpoint:\" register to write it to") }
            return try node.quantity(expecting: dimension, defaultUnit: measurement.unit).value
        }
        self.init(vendor: try root.required("vendor", hint: "vendor: Laumas").string(),
                  model: try root.required("model", hint: "model: TLU").string(),
                  measurand: measurand, measurement: measurement, setpoint: setpoint, status: status,
                  area: area, safeSetpoint: safeSetpoint, file: root.file)
    }
}

extension ModbusRegisterMap.Measurand {
    var dimension: PhysicalDimension {
        switch self {
        case .force: .force
        case .pressure: .pressure
        case .temperature: .temperature
        }
    }

    /// Units a map may name for it.
    var units: [String] {
        switch self {
        case .force: ["N", "kN", "kgf"]
        case .pressure: ["Pa", "kPa", "MPa", "bar", "mbar"]
        case .temperature: ["degC", "K"]
        }
    }
}

extension ModbusField {
    static let fields = ["register", "function", "type", "word_order", "scale", "unit"]

    init(node: ConfigNode, name: String, addressing: ModbusRegisterMap.Addressing, dimension: PhysicalDimension,
         defaultUnit: String?) throws(ConfigurationError) {
        try node.rejectUnknownKeys(allowed: Self.fields)
        let (table, register) = try ModbusRegisterLocation.read(node, addressing: addressing)
        let type = try node.required("type", hint: "type: int32").choice(ModbusDataType.self)
        let wordOrder = try ModbusRegisterLocation.wordOrder(node, type: type)
        let scale = try node.optional("scale")?.double() ?? 1
        if scale == 0 { throw try node.required("scale").error("must not be zero; raw counts × scale = value in the unit") }
        let unitNode = try node.optional("unit")
        guard let unit = try unitNode?.string() ?? defaultUnit else {
            throw node.error("is missing the required field \"unit\", e.g. unit: \(Self.units(for: dimension).first ?? "N")")
        }
        let zero: Double, one: Double
        do {
            zero = try Quantity.parse("0 \(unit)", expecting: dimension, defaultUnit: nil).value
            one = try Quantity.parse("1 \(unit)", expecting: dimension, defaultUnit: nil).value
        } catch {
            throw (unitNode ?? node).error("\"\(unit)\" is not a unit of \(dimension); expected one of: "
                                           + Self.units(for: dimension).joined(separator: ", "))
        }
        self.init(name: name, table: table, register: register, type: type, wordOrder: wordOrder, scale: scale,
                  unit: unit, gain: one - zero, offset: zero, dimension: dimension)
    }

    private static func units(for dimension: PhysicalDimension) -> [String] {
        ModbusRegisterMap.Measurand.allCases.first { $0.dimension == dimension }?.units ?? []
    }
}

extension ModbusStatusField {
    init(node: ConfigNode, addressing: ModbusRegisterMap.Addressing) throws(ConfigurationError) {
        try node.rejectUnknownKeys(allowed: ["register", "function", "type", "word_order", "bits"])
        let (table, register) = try ModbusRegisterLocation.read(node, addressing: addressing)
        let type = try node.optional("type")?.choice(ModbusDataType.self) ?? .uint16
        guard type == .uint16 || type == .uint32 else {
            throw try node.required("type").error("a status word is uint16 or uint32, got \(type.rawValue)")
        }
        let wordOrder = try ModbusRegisterLocation.wordOrder(node, type: type)
        let bits = try node.required("bits", hint: "bits: {stable: 11, over_range: 3, error: [0, 1]}")
        try bits.rejectUnknownKeys(allowed: ["stable", "over_range", "under_range", "error"])
        let width = type.registerCount * 16
        func mask(_ key: String) throws(ConfigurationError) -> UInt32 {
            guard let entry = try bits.optional(key) else { return 0 }
            let numbers = entry.isSequence ? try entry.items() : [entry]
            var mask: UInt32 = 0
            for number in numbers { mask |= 1 << UInt32(try number.integer(in: 0...(width - 1))) }
            return mask
        }
        self.init(table: table, register: register, type: type, wordOrder: wordOrder, stable: try mask("stable"),
                  overRange: try mask("over_range"), underRange: try mask("under_range"), error: try mask("error"))
        if stable | overRange | underRange | self.error == 0 {
            throw bits.error("names no bits; give at least one of stable, over_range, under_range, error")
        }
    }
}

/// Reads `register:` and `function:` the same way for every field.
enum ModbusRegisterLocation {
    static func read(
        _ node: ConfigNode, addressing: ModbusRegisterMap.Addressing
    ) throws(ConfigurationError) -> (ModbusRegisterTable, Int) {
        let registerNode = try node.required("register", hint: addressing == .modicon ? "register: 40008" : "register: 0x2000")
        let text = try registerNode.string()
        let number: Int? = text.lowercased().hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
        guard let number else {
            throw registerNode.error("expected a register number such as 7, 0x2000 or (with addressing: modicon) 40008, got \"\(text)\"")
        }
        let functionNode = try node.optional("function")
        let declared = try functionNode.map { (node) throws(ConfigurationError) in try table(node) }
        switch addressing {
        case .pdu:
            guard (0...0xFFFF).contains(number) else {
                throw registerNode.error("must be a wire address from 0 to 65535 (0xFFFF); for manual numbers like 40008 set \"addressing: modicon\"")
            }
            return (declared ?? .holding, number)
        case .modicon:
            let implied: (ModbusRegisterTable, Int)? = switch number {
            case 40_001...49_999: (.holding, number - 40_001)
            case 30_001...39_999: (.input, number - 30_001)
            case 400_001...465_536: (.holding, number - 400_001)
            case 300_001...365_536: (.input, number - 300_001)
            default: nil
            }
            guard let implied else {
                throw registerNode.error("with addressing: modicon, registers are numbered 40001–49999 (holding) or 30001–39999 (input), got \(number)")
            }
            if let declared, declared != implied.0, let functionNode {
                throw functionNode.error("contradicts register \(number), which is a \(implied.0)")
            }
            return implied
        }
    }

    static func table(_ node: ConfigNode) throws(ConfigurationError) -> ModbusRegisterTable {
        switch try node.string().lowercased() {
        case "3", "holding": .holding
        case "4", "input": .input
        case let other: throw node.error("\"\(other)\" is not a register function; expected holding (3) or input (4)")
        }
    }

    static func wordOrder(_ node: ConfigNode, type: ModbusDataType) throws(ConfigurationError) -> ModbusWordOrder {
        guard let orderNode = try node.optional("word_order") else { return .abcd }
        let text = try orderNode.string().uppercased()
        guard let order = ModbusWordOrder(rawValue: text) else {
            throw orderNode.error("\"\(text)\" is not a word order; expected ABCD, CDAB, BADC or DCBA")
        }
        if type.registerCount == 1, order != .abcd {
            throw orderNode.error("applies to 32-bit types only; a \(type.rawValue) is one register")
        }
        return order
    }
}
