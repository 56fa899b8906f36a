import ArgumentParser
import CellSimulator
import CyclerConfiguration
import LiveModelFixtures

/// Prints the cell file (with its OCV table) for a simulator preset, so
/// `cyclerctl soc` can read `cyclerctl sim cycle` output.
struct CellFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cell-file", abstract: "Print a preset's cell file with its OCV table.")

    @Option var preset = "nmc811-lpscl-liin"

    func run() throws {
        let d = try presetDefinition(preset)
        print("# Written by livemodel-bench cell-file --preset \(d.name): the simulator's own OCV curve,")
        print("# sampled at 101 points, as cell voltage (the reference offset already subtracted).")
        print(CellDescription(simulating: d).yaml, terminator: "")
    }
}
