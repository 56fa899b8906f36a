import ArgumentParser
import CellSimulator
import LiveModel
import LiveModelFixtures

/// Model updates per second on one core: a dynamic run's samples are made
/// first, then only `LiveModel.update` is timed over them.
struct Throughput: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "throughput", abstract: "Live model updates per second per core.")

    @Option var preset = "nmc811-lpscl-liin"
    @Option(help: "Dynamic cycles of samples to replay.") var cycles = 5
    @Option(help: "Passes over the samples; the fastest is reported.") var passes = 5

    func run() throws {
        let d = try presetDefinition(preset)
        let configuration = try Scenarios.configuration(for: d)
        var run = SimulatedRun(definition: d, configuration: configuration)
        run.recording = false
        run.keepingMeasurements = true
        for _ in 0..<cycles { Scenarios.dynamicCycle(&run, cRate: 1, restSeconds: 600) }
        let samples = run.measurements
        var best = Double.infinity
        var checksum = 0.0
        let clock = ContinuousClock()
        for _ in 0..<passes {
            var model = LiveModel(configuration: configuration)
            let elapsed = clock.measure {
                for m in samples { checksum += model.update(m).stateOfCharge ?? 0 }
            }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let perSample = best / Double(samples.count)
        print("preset \(d.name): \(samples.count) samples, fastest of \(passes) passes (checksum \(fmt(checksum)))")
        print("  \(fmt(perSample * 1e9)) ns per sample, \(fmt(1e-6 / perSample)) million updates per second per core")
    }
}
