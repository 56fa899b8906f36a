import CyclerConfiguration
import Electrochemistry
import Foundation
import Instruments

extension ChannelCapabilities {
    /// Reads a channel description:
    ///
    /// ```yaml
    /// potentiostat:
    ///   modes: [galvanostatic, potentiostatic]
    ///   eis: [potentiostatic]            # [] for an SMU
    ///   max_current: 100 mA
    ///   voltage_range: [-10 V, 10 V]
    ///   frequency_range: [10 uHz, 200 kHz]
    ///   min_interval: 1 ms
    /// pressure: sensor                   # none | sensor | actuator
    /// thermal: false
    /// ```
    public init(yaml text: String, file: String) throws(ConfigurationError) {
        let root = try ConfigNode.parse(yaml: text, file: file)
        try root.rejectUnknownKeys(allowed: ["potentiostat", "pressure", "thermal"])
        let pot = try root.required("potentiostat", hint: "potentiostat: {max_current: 100 mA}")
        try pot.rejectUnknownKeys(allowed: ["modes", "eis", "max_current", "voltage_range", "frequency_range", "min_interval"])
        let modes = try pot.optional("modes")?.listOrSingle().map { (n) throws(ConfigurationError) in try n.string() }
            ?? ["galvanostatic", "potentiostatic"]
        let eis = try pot.optional("eis")?.listOrSingle().map { (n) throws(ConfigurationError) in try n.choice(EISSettings.Mode.self) } ?? []
        for (index, mode) in modes.enumerated() where !["galvanostatic", "potentiostatic"].contains(mode) {
            throw try pot.required("modes").listOrSingle()[index].error("\"\(mode)\" is not one of: galvanostatic, potentiostatic")
        }
        let maximum = try pot.required("max_current", hint: "max_current: 100 mA").positive(.current, defaultUnit: "mA")
        let range = try Self.range(pot.optional("voltage_range"), dimension: .voltage, unit: "V") ?? -10...10
        let frequencies = try Self.range(pot.optional("frequency_range"), dimension: .frequency, unit: "Hz")
        let interval = try pot.optional("min_interval")?.duration() ?? 1e-3
        let pressure = try root.optional("pressure")?.choice(Pressure.self) ?? .none
        let thermal = try root.optional("thermal")?.bool() ?? false
        self.init(potentiostat: PotentiostatCapabilities(
            galvanostatic: modes.contains("galvanostatic"), potentiostatic: modes.contains("potentiostatic"),
            potentiostaticEIS: eis.contains(.potentiostatic), galvanostaticEIS: eis.contains(.galvanostatic),
            maximumCurrent: maximum, voltageRange: range, frequencyRange: eis.isEmpty ? nil : (frequencies ?? 1e-2...1e5),
            minimumSampleInterval: interval), pressure: pressure, thermalController: thermal, temperatureSensor: thermal)
    }

    private static func range(_ node: ConfigNode?, dimension: PhysicalDimension,
                              unit: String) throws(ConfigurationError) -> ClosedRange<Double>? {
        guard let node else { return nil }
        let bounds = try node.items()
        guard bounds.count == 2 else { throw node.error("expected [low, high], e.g. [1 \(unit), 10 \(unit)]") }
        let low = try bounds[0].quantity(expecting: dimension, defaultUnit: unit).value
        let high = try bounds[1].quantity(expecting: dimension, defaultUnit: unit).value
        guard low < high else { throw node.error("the low end \(low) must be below the high end \(high)") }
        return low...high
    }

    /// A named profile (`sim`, `smu`, `potentiostat`) or a channel file.
    public static func named(orFile argument: String) throws(ConfigurationError) -> ChannelCapabilities {
        if let profile = named[argument] { return profile }
        guard let text = try? String(contentsOfFile: argument, encoding: .utf8) else {
            throw ConfigurationError(file: argument, line: 0, column: 0, field: "",
                message: "neither a channel profile (\(named.keys.sorted().joined(separator: ", "))) nor a readable channel file")
        }
        return try ChannelCapabilities(yaml: text, file: argument)
    }
}
