import ArgumentParser
import CellSimulator
import CyclerConfiguration
import Electrochemistry
import Foundation
import Instruments
import ProtocolEngine

/// `cyclerctl run`: runs a protocol on a simulated bench or on real instruments, without the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a protocol on a simulated cell or on real instruments; writes data.csv, results.json, and a file per spectrum and polarisation.",
        discussion: """
        Give either --sim PRESET (a simulated cell and bench) or --potentiostat ADDRESS with --cell FILE \
        (real instruments). A separate load cell (--pressure, with --pressure-map) and temperature controller \
        (--thermal, with --thermal-map) are polled beside the potentiostat, and their readings join every \
        sample, so pressure and temperature safety limits work from them. The protocol is validated against \
        the cell and the instruments first (exit 2 with the errors).

        data.csv holds the recorded samples (positive current charges the cell); results.json the analysis \
        results (Eₐ, t₊, σₑ, CCD, cycle summaries, in SI and lab units), the events (steps, cycles, limits, \
        alarms, spectra, polarisations, analyses) and the outcome. Each spectrum is written as \
        spectrum-K-stepN.csv (for `eis fit` and `eis kk`), each DC polarisation's full-rate trace as \
        polarisation-K-stepN.csv (for `analyze transference|electronic --run`). data.csv is flushed at least \
        every second. A summary in lab units goes to standard output. An --out folder that holds an earlier \
        run is refused unless --force is given.

        Ctrl-C or SIGTERM stops the job: every output is put in its safe state first, and the command says \
        whether that worked. Exits 0 when the job completes, 3 when a safety limit, a step failure or a lost \
        instrument paused it, 130 when interrupted, 1 on a fault.

        Examples:
          cyclerctl run Protocols/gcpl.yaml --sim nmc811-lpscl-liin --out runs/gcpl
          cyclerctl run Protocols/ccd-ramp.yaml --sim li-lpscl-li --speed 3600
          cyclerctl run Protocols/gcpl.yaml --potentiostat methodscript:/dev/ttyACM0 \\
              --pressure modbus+tcp://192.0.2.10:502 --pressure-map laumas \\
              --cell Config/cells/nmc811-lpscl-liin.yaml --out runs/pellet3
        """
    )

    @Argument(help: "The protocol file.")
    var file: String

    @Option(help: "Simulated cell preset (see `cyclerctl sim presets`).")
    var sim: String?

    @Option(help: "Potentiostat address, e.g. methodscript:/dev/ttyACM0, usbtmc://05e6:2450, scpi+tcp://host:5025.")
    var potentiostat: String?

    @Option(help: "Load cell or pressure rig address (modbus+tcp://… or modbus+rtu:…).")
    var pressure: String?

    @Option(help: "The load cell's register map: laumas, flintec, or a map file.")
    var pressureMap: String?

    @Option(help: "Area a force cell's force acts on (default: the cell's area), e.g. 0.785cm2.")
    var pressureArea: String?

    @Option(help: "Temperature controller address (modbus+tcp://… or modbus+rtu:…).")
    var thermal: String?

    @Option(help: "The temperature controller's register map: eurotherm, jumo, or a map file.")
    var thermalMap: String?

    @Option(help: "Cell file (Config/cells/*.yaml); required with real instruments.")
    var cell: String?

    @Option(help: "max, or simulated seconds per wall second (3600 runs an hour a second). --sim only.")
    var speed = "max"

    @Option(help: "Directory for data.csv and results.json.")
    var out = "."

    @Option(help: "Seed for noise and stochastic events. --sim only.")
    var seed: UInt64 = 1

    @Flag(help: "Overwrite the results of an earlier run in --out.")
    var force = false

    func validate() throws {
        guard (sim == nil) != (potentiostat == nil) else {
            throw ValidationError("give either --sim PRESET or --potentiostat ADDRESS (with --cell FILE)")
        }
        if potentiostat != nil, cell == nil {
            throw ValidationError("--potentiostat needs --cell FILE: C-rates, areas and limits are checked against the real cell")
        }
        if sim != nil, pressure != nil || thermal != nil {
            throw ValidationError("--pressure and --thermal go with --potentiostat; a simulated bench has its own load cell and chamber")
        }
        if pressure != nil, pressureMap == nil { throw ValidationError("--pressure needs --pressure-map (laumas, flintec or a map file)") }
        if thermal != nil, thermalMap == nil { throw ValidationError("--thermal needs --thermal-map (eurotherm, jumo or a map file)") }
    }

    func run() async throws {
        let definition: ProtocolDefinition
        do {
            definition = try ProtocolLoader.load(contentsOf: file)
        } catch {
            report(error.errors)
            throw ExitCode(2)
        }
        let cellDescription: CellDescription
        let instruments: ChannelInstruments
        do {
            (cellDescription, instruments) = try await connect()
        } catch let error as ConfigurationError {
            report([error])
            throw ExitCode(2)
        }
        let context = CellContext(cellDescription)
        let errors = ProtocolValidator.validate(definition, cell: context, channel: instruments.capabilities)
        guard errors.isEmpty else {
            report(errors)
            await instruments.close()
            throw ExitCode(2)
        }
        let folder = RunFolder(directory: out)
        guard force || !folder.holdsARun else {
            throw ValidationError("--out \(out) already holds a run (results.json or data.csv); choose another folder, or pass --force to overwrite it")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let recorder = try RunRecorder(folder: folder, protocolName: definition.name,
                                       source: sim.map { "sim:\($0)" } ?? potentiostat ?? "", cell: context)
        let executor = ProtocolExecutor(definition: definition, instruments: instruments, cell: context, clock: ContinuousClock(),
                                        observer: recorder, analysis: ElectrochemistryAnalyses())
        let interruption = SignalStop(control: executor.control)
        let outcome = await executor.run()
        let signal = interruption.finish()
        print(try recorder.finish(outcome: outcome).summary(folder: out))
        await instruments.close()
        if let signal {
            FileHandle.standardError.write(Data("stopped by \(signal): \(safeStateWords(recorder))\n".utf8))
            throw ExitCode(130)
        }
        switch outcome {
        case .completed: return
        case .paused: throw ExitCode(3)
        case .failed, .stopped: throw ExitCode(1)
        }
    }

    /// What the output was left as, for the last line after a signal.
    private func safeStateWords(_ recorder: RunRecorder) -> String {
        recorder.safeStateFailed ? "THE OUTPUT MAY STILL BE ON (the safe-state command failed); check the instrument"
            : "every output is in its safe state"
    }

    /// The cell and the channel's instruments, simulated or connected.
    private func connect() async throws -> (CellDescription, ChannelInstruments) {
        let fileCell = try cell.map { (path) throws(ConfigurationError) in try CellDescription.load(contentsOf: path) }
        if let sim {
            guard let preset = CellPresets.named(sim) else {
                throw ValidationError("--sim \(sim): no such preset; choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
            }
            let bench = SimulatedBench(definition: preset, seed: seed, speed: try simulationSpeed())
            return (fileCell ?? CellDescription(preset), ChannelInstruments(bench: bench))
        }
        guard let potentiostat, let fileCell else { throw ValidationError("--potentiostat needs --cell") }
        let main = try await InstrumentConnector.connect(try InstrumentAddress.argument(potentiostat))
        guard let source = main.potentiostat else {
            throw ValidationError("--potentiostat \(potentiostat) is not a potentiostat or source-measure unit")
        }
        var instruments = ChannelInstruments(potentiostat: source, pressureSensor: main.pressureSensor,
                                             pressureActuator: main.pressureActuator, thermal: main.thermalController)
        if let pressure {
            let area = try optionalQuantity(pressureArea, option: "pressure-area", expecting: .area)?.value ?? fileCell.area
            let rig = try await InstrumentConnector.connect(try InstrumentAddress.argument(pressure),
                                                            registerMap: RegisterMapChoice(map: pressureMap, area: area))
            guard let sensor = rig.pressureSensor else { throw ValidationError("--pressure \(pressure): its map does not describe a load cell") }
            instruments.pressureSensor = sensor
            instruments.pressureActuator = rig.pressureActuator
        }
        if let thermal {
            let controller = try await InstrumentConnector.connect(try InstrumentAddress.argument(thermal),
                                                                   registerMap: RegisterMapChoice(map: thermalMap))
            guard let thermal = controller.thermalController else { throw ValidationError("--thermal \(thermal): its map does not describe a temperature controller") }
            instruments.thermal = thermal
        }
        return (fileCell, instruments)
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
