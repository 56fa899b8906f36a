import ArgumentParser
import Foundation
import CellSimulator
import LiveModel
import LiveModelFixtures

/// Alarms over many normal cycles of healthy cells: every one is a false alarm.
struct FalseAlarms: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "false-alarms",
                                                    abstract: "Count alarms over normal simulated cycles (all are false).")

    @Option var preset = "nmc811-lpscl-liin"
    @Option var cycles = 1000
    @Option(help: "Sampling interval (s).") var interval = 10.0
    @Option(help: "C-rate (full cells).") var rate = 0.5
    @Option(help: "Current density for symmetric cells (mA/cm2), below the CCD.") var density = 0.3
    @Option(help: "Half-cycle for symmetric cells (s).") var half = 1800.0

    func run() throws {
        let d = try presetDefinition(preset)
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: interval)
        run.recording = false
        for k in 1...cycles {
            if d.kind == CellKind.full {
                // Every tenth cycle is a dynamic one, every fiftieth ends in a long rest (OCV drift is judged then).
                if k % 10 == 0 {
                    Scenarios.dynamicCycle(&run, cRate: rate, restSeconds: 600)
                } else {
                    Scenarios.constantCurrentCycle(&run, cRate: rate, restSeconds: 300)
                }
                if k % 50 == 0 { run.rest(seconds: 3 * 3600) }
            } else {
                Scenarios.platingCycle(&run, density: density * 10, halfSeconds: half)
            }
            if k % 100 == 0 {
                print("cycle \(k) (model counts \(run.model.completedCycles)): \(Int(run.cell.state.time / 3600)) h, \(run.alarms.count) alarms, capacity \(String(format: "%.4f", (run.model.capacityEstimator?.capacity ?? 0) / 3.6)) mAh")
            }
        }
        print("preset \(d.name): \(cycles) cycles, \(run.samples) samples, \(Int(run.cell.state.time / 3600)) h of cell time")
        print("false alarms: \(run.alarms.count)")
        for alarm in run.alarms.prefix(20) { print("  \(alarm)") }
    }
}
