import ArgumentParser
import CellSimulator
import CyclerConfiguration
import Foundation
import LiveModel
import LiveModelFixtures

/// Benchmarks of the live model that print numbers: accuracy against the
/// simulator's truth over long runs, false alarms, and cost per sample.
@main
struct LiveModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "livemodel-bench",
        abstract: "Live model benchmarks on the simulated cell.",
        subcommands: [SOCAccuracy.self, FalseAlarms.self, Throughput.self, CellFile.self]
    )
}

func presetDefinition(_ name: String) throws -> CellDefinition {
    guard let d = CellPresets.named(name) else {
        throw ValidationError("no preset \(name); choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
    }
    return d
}
