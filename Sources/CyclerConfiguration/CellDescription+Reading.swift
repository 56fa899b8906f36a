import Electrochemistry
import Foundation

extension CellDescription {
    static let fields = [
        "name", "type", "chemistry", "area", "electrolyte_thickness", "capacity", "active_mass",
        "reference_offset", "voltage_window", "ocv", "particle_shape",
    ]

    /// Reads a cell file, reporting the first mistake with its line, column and field.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> CellDescription {
        try CellDescription(node: ConfigNode.load(contentsOf: path, what: "the cell file"))
    }

    public init(yaml text: String, file: String) throws(ConfigurationError) {
        try self.init(node: try ConfigNode.parse(yaml: text, file: file))
    }

    public init(node root: ConfigNode) throws(ConfigurationError) {
        try root.rejectUnknownKeys(allowed: Self.fields)
        let kind = try root.required("type", hint: "type: full").choice(Kind.self)
        self.init(name: try root.required("name", hint: "name: NMC811 | LPSCl | Li-In #3").string(), kind: kind)
        if let tags = try root.optional("chemistry") {
            chemistry = try tags.items().map { (item) throws(ConfigurationError) in ChemistryTag.canonical(try item.string()) }
        }
        area = try root.optional("area")?.quantity(expecting: .area, defaultUnit: "cm2").value
        electrolyteThickness = try root.optional("electrolyte_thickness")?.quantity(expecting: .length, defaultUnit: "um").value
        capacity = try root.optional("capacity")?.quantity(expecting: .charge, defaultUnit: "mAh").value
        activeMass = try root.optional("active_mass")?.quantity(expecting: .mass, defaultUnit: "mg").value
        referenceOffset = try root.optional("reference_offset")?.quantity(expecting: .voltage, defaultUnit: "V").value ?? 0
        for (field, value) in [("area", area), ("electrolyte_thickness", electrolyteThickness), ("capacity", capacity), ("active_mass", activeMass)] {
            if let value, value <= 0 { throw try root.required(field).error("must be positive") }
        }
        if let window = try root.optional("voltage_window") {
            let bounds = try window.items()
            guard bounds.count == 2 else { throw window.error("expected [minimum, maximum], e.g. [2.5 V, 4.3 V]") }
            let low = try bounds[0].quantity(expecting: .voltage, defaultUnit: "V").value
            let high = try bounds[1].quantity(expecting: .voltage, defaultUnit: "V").value
            guard low < high else { throw window.error("the minimum \(low) V must be below the maximum \(high) V") }
            voltageWindow = low...high
        }
        particleShape = try root.optional("particle_shape")?.choice(ParticleGeometry.self)
        if let ocv = try root.optional("ocv") {
            openCircuitVoltage = try OpenCircuitTable(node: ocv)
        }
    }
}

extension OpenCircuitTable {
    init(node: ConfigNode) throws(ConfigurationError) {
        try node.rejectUnknownKeys(allowed: ["soc", "voltage"])
        let socNode = try node.required("soc", hint: "soc: [0, 0.5, 1]")
        let voltageNode = try node.required("voltage", hint: "voltage: [3.0, 3.6, 4.2]")
        let soc = try socNode.items().map { (item) throws(ConfigurationError) in try item.double() }
        let voltage = try voltageNode.items().map { (item) throws(ConfigurationError) in
            try item.quantity(expecting: .voltage, defaultUnit: "V").value
        }
        guard soc.count == voltage.count else {
            throw voltageNode.error("has \(voltage.count) values but soc has \(soc.count); give one voltage per SOC point")
        }
        guard soc.count >= 2 else { throw socNode.error("needs at least two points") }
        guard zip(soc, soc.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw socNode.error("must increase strictly")
        }
        guard let first = soc.first, let last = soc.last, first >= 0, last <= 1 else {
            throw socNode.error("must lie between 0 and 1")
        }
        self.init(stateOfCharge: soc, voltage: voltage)
    }
}
