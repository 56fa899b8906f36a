import ArgumentParser
import CellSimulator
import InstrumentSimulators
import Instruments

/// What every simulated SMU needs: the cell behind it, the model it plays and how fast time runs.
struct SCPISimulatorOptions: ParsableArguments {
    @Option(help: "Cell preset behind the instrument (see `cyclerctl sim presets`).")
    var preset: String = "nmc811-lpscl-liin"

    @Option(help: "Command set to speak: 2450 (2450/2460/2470) or 2400 (2400 series).")
    var model: String = "2450"

    @Option(help: "Serial number the instrument reports in *IDN? (and over USB).")
    var serial: String = "04412345"

    @Option(help: "Simulated seconds per wall-clock second between readings.")
    var speed: Double = 1

    @Option(help: "Seed for the cell's noise; the same seed repeats a run.")
    var seed: UInt64 = 1

    func makeMeter() throws -> SimulatedSourceMeter {
        guard let definition = CellPresets.named(preset) else {
            let names = CellPresets.all.map(\.name).joined(separator: ", ")
            throw ValidationError("--preset \(preset): no such preset; choose one of \(names)")
        }
        guard let model = SCPISourceMeterModel(rawValue: model) else {
            throw ValidationError("--model \(model): expected 2450 or 2400")
        }
        guard speed.isFinite, speed > 0 else {
            throw ValidationError("--speed \(speed): expected a positive factor such as 1 or 3600")
        }
        let bench = SimulatedBench(definition: definition, seed: seed)
        return SimulatedSourceMeter(model: model, bench: bench, serialNumber: serial, timing: .scaled(speed))
    }
}
