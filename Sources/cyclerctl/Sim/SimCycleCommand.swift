import ArgumentParser
import CellSimulator
import Electrochemistry
import CyclerConfiguration
import Instruments
import ProtocolEngine

/// `cyclerctl sim cycle`: galvanostatic cycling on the simulated bench, as
/// fast as the CPU allows.
struct SimCycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle",
        abstract: "Cycle a simulated cell galvanostatically; writes CSV.",
        discussion: """
        Full cells charge to the upper cut-off, then discharge to the lower one. \
        Symmetric Li cells plate and strip for --half-cycle each way. \
        Output columns: time_s,voltage_V,current_A,pressure_Pa,temperature_degC; \
        positive current charges the cell.

        Examples:
          cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/2 --cycles 10
          cyclerctl sim cycle --preset li-lpscl-li --rate 0.5mA/cm2 --half-cycle 1h --cycles 20
        """
    )

    @OptionGroup var cell: PresetOptions

    @Option(help: "Current: a C-rate (C/2, 2C), a current density (0.5mA/cm2) or a current (1mA).")
    var rate: String

    @Option(help: "Number of cycles.")
    var cycles = 1

    @Option(help: "Sampling interval, e.g. 1s.")
    var interval = "1s"

    @Option(name: .customLong("half-cycle"), help: "Duration of each half-cycle for symmetric cells, e.g. 1h.")
    var halfCycle = "1h"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard cycles >= 1 else { throw ValidationError("--cycles \(cycles): give at least one cycle") }
    }

    func run() async throws {
        let definition = try cell.definition()
        let current = try resolvedCurrent(definition)
        let dt = try quantity(interval, option: "interval", expecting: .time).value
        guard dt > 0 else { throw ValidationError("--interval \(interval): give a positive interval, e.g. 1s") }
        let plan: GalvanostaticProtocol.Plan
        if let window = definition.cyclingWindow {
            plan = .toVoltage(window)
        } else {
            let half = try quantity(halfCycle, option: "half-cycle", expecting: .time).value
            plan = .forDuration(half)
        }
        let bench = SimulatedBench(definition: definition, seed: cell.seed)
        let out = try OutputFile(path: output)
        out.write("time_s,voltage_V,current_A,pressure_Pa,temperature_degC")
        let job = GalvanostaticProtocol.make(current: current, plan: plan, interval: dt, capacity: definition.capacity, cycles: cycles)
        let writer = SimCycleWriter(out: out)
        let executor = ProtocolExecutor(definition: job, instruments: ChannelInstruments(bench: bench),
                                        cell: CellContext(CellDescription(definition)), clock: ContinuousClock(), observer: writer)
        let outcome = await executor.run()
        out.flush()
        guard outcome == .completed else {
            throw ValidationError("cycling stopped: \(writer.lastAlarm ?? "\(outcome)")")
        }
    }

    private func resolvedCurrent(_ d: CellDefinition) throws -> Double {
        let q: Quantity
        do { q = try Quantity.parse(rate) } catch { throw ValidationError("--rate \(rate): \(error.message)") }
        let capacity = d.capacity > 0 ? Quantity(d.capacity, .charge) : nil
        let mass = d.activeMass > 0 ? Quantity(d.activeMass, .mass) : nil
        do {
            let amps = try q.resolvingCurrent(area: Quantity(d.area, .area), capacity: capacity, activeMass: mass).value
            guard amps > 0 else { throw ValidationError("--rate \(rate): give a positive current") }
            return amps
        } catch let error as QuantityError {
            let hint = d.kind == .full ? "" : " (\(d.name) is a \(d.kind.rawValue) cell with no capacity: give a current density such as 0.1mA/cm2)"
            throw ValidationError("--rate \(rate): \(error.message)\(hint)")
        }
    }
}
