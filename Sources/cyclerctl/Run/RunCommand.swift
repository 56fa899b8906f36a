import ArgumentParser
import CellSimulator
import Configuration
import Foundation
import Instruments
import ProtocolEngine

/// `cyclerctl run`: runs a protocol on the simulated bench, without the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a protocol on a simulated cell; writes data.csv, results.json, and a file per spectrum and polarisation.",
        discussion: """
        The protocol is validated against the preset cell and the simulated bench first (exit 2 with the \
        errors). data.csv holds the recorded samples (positive current charges the cell); results.json the \
        analysis results (Eₐ, t₊, σₑ, CCD, cycle summaries, as the protocol's analyses and cycles produce \
        them), the events (steps, cycles, limits, alarms, spectra, polarisations, analyses) and the outcome. \
        Each spectrum is written as spectrum-K-stepN.csv (for `eis fit` and `eis kk`), each DC polarisation's \
        full-rate trace as polarisation-K-stepN.csv (for `analyze transference|electronic --run`). data.csv is \
        flushed at least every second. A summary in lab units goes to standard output. An --out folder that \
        holds an earlier run is refused unless --force is given. \
        Exits 0 when the job completes, 3 when a safety limit or step failure paused it, 1 on a fault.

        Examples:
          cyclerctl run Protocols/gcpl.yaml --sim nmc811-lpscl-liin --out runs/gcpl
          cyclerctl run Protocols/ccd-ramp.yaml --sim li-lpscl-li --speed 3600
        """
    )

    @Argument(help: "The protocol file.")
    var file: String

    @Option(help: "Cell preset (see `cyclerctl sim presets`).")
    var sim: String

    @Option(help: "max, or simulated seconds per wall second (3600 runs an hour a second).")
    var speed = "max"

    @Option(help: "Directory for data.csv and results.json.")
    var out = "."

    @Option(help: "Seed for noise and stochastic events.")
    var seed: UInt64 = 1

    @Flag(help: "Overwrite the results of an earlier run in --out.")
    var force = false

    func run() async throws {
        guard let preset = CellPresets.named(sim) else {
            throw ValidationError("--sim \(sim): no such preset; choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
        }
        let pace = try simulationSpeed()
        let definition: ProtocolDefinition
        do {
            definition = try ProtocolLoader.load(contentsOf: file)
        } catch {
            report(error.errors)
            throw ExitCode(2)
        }
        let bench = SimulatedBench(definition: preset, seed: seed, speed: pace)
        let instruments = ChannelInstruments(bench: bench)
        let cell = CellContext(preset)
        let errors = ProtocolValidator.validate(definition, cell: cell, channel: instruments.capabilities)
        guard errors.isEmpty else {
            report(errors)
            throw ExitCode(2)
        }
        let folder = RunFolder(directory: out)
        guard force || !folder.holdsARun else {
            throw ValidationError("--out \(out) already holds a run (results.json or data.csv); choose another folder, or pass --force to overwrite it")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let recorder = try RunRecorder(folder: folder, protocolName: definition.name, preset: preset.name, cell: cell)
        let executor = ProtocolExecutor(definition: definition, instruments: instruments, cell: cell, clock: ContinuousClock(),
                                        observer: recorder, analysis: ElectrochemistryAnalyses())
        let outcome = await executor.run()
        print(try recorder.finish(outcome: outcome).summary(folder: out))
        switch outcome {
        case .completed: return
        case .paused: throw ExitCode(3)
        case .failed, .stopped: throw ExitCode(1)
        }
    }

    private func simulationSpeed() throws -> SimulationSpeed {
        if speed == "max" { return .maximum }
        guard let factor = Double(speed), factor > 0 else {
            throw ValidationError("--speed \(speed): give \"max\" or a positive factor such as 3600")
        }
        return factor == 1 ? .realTime : .factor(factor)
    }

    private func report(_ errors: [ConfigurationError]) {
        for error in errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
    }
}
