import ArgumentParser
import CellSimulator
import Electrochemistry

/// Options shared by the simulation commands: which cell, and its conditions.
struct PresetOptions: ParsableArguments {
    @Option(help: "Cell preset (see `cyclerctl sim presets`).")
    var preset: String

    @Option(help: "Cell temperature, e.g. 60degC or 333K (default: the preset's).")
    var temperature: String?

    @Option(help: "Stack pressure, e.g. 5MPa (default: the preset's).")
    var pressure: String?

    @Option(help: "Seed for noise and stochastic events; the same seed repeats a run exactly.")
    var seed: UInt64 = 1

    /// The preset with the requested conditions applied.
    func definition() throws -> CellDefinition {
        guard var d = CellPresets.named(preset) else {
            let names = CellPresets.all.map(\.name).joined(separator: ", ")
            throw ValidationError("--preset \(preset): no such preset; choose one of \(names)")
        }
        if let t = try optionalQuantity(temperature, option: "temperature", expecting: .temperature) {
            guard t.value > 150, t.value < 600 else {
                throw ValidationError("--temperature \(temperature!): the simulator covers 150–600 K (−123 to 327 °C)")
            }
            d.temperature = t.value
        }
        if let p = try optionalQuantity(pressure, option: "pressure", expecting: .pressure) {
            guard p.value >= 0, p.value <= 500e6 else {
                throw ValidationError("--pressure \(pressure!): give a stack pressure between 0 and 500 MPa")
            }
            d.stackPressure = p.value
        }
        return d
    }
}
