import ArgumentParser
import CyclerConfiguration
import Electrochemistry
import Foundation
import LiveModel

/// `cyclerctl soc`: the live model run offline over any cycler's CSV.
struct SOCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soc",
        abstract: "Run the live model (SOC, resistances, expected pressure, alarms) over a CSV of samples.",
        discussion: """
        FILE is read like every offline tool's input: cyclerd's CSV (time_s, current_A positive = charge, \
        voltage_V, optionally pressure_Pa and temperature_degC, in any order) or an EC-Lab, Neware, Arbin, \
        Maccor or Gamry export, units read from the header; `cyclerctl run` and `cyclerctl sim cycle` output work as is. \
        The cell file (Config/cells/*.yaml) gives the cell's type, capacity, area, chemistry and OCV table; \
        see Config/cells/README.md.

        Output columns: time_s,soc,soc_sigma,r_ohm_ohm,r_int_ohm,pressure_expected_Pa,alarms. \
        soc is 0–1 (empty for cells without one); r_ohm_ohm and r_int_ohm are the last current step's \
        instantaneous jump and its relaxation up to 10 s; alarms lists the alarms raised on that row, \
        separated by ';'. Each alarm's evidence is printed to standard error, with its cycle numbered from 1 \
        as `cyclerctl run` numbers them.

        Examples:
          cyclerctl soc cycle.csv --cell Config/cells/nmc811-lpscl-liin-sim.yaml > soc.csv
          cyclerctl soc plating.csv --cell Config/cells/li-lpscl-li-sim.yaml --spectra spectra/ --output soc.csv
        """
    )

    @Argument(help: "CSV of samples.")
    var file: String

    @Option(help: "Cell file (YAML) with the OCV table for full cells.")
    var cell: String

    @Option(help: "Folder of spectra (frequency_Hz,z_real_ohm,z_imag_ohm), each named by its time in seconds, e.g. 7200.csv.")
    var spectra: String?

    @Option(help: "The cell's equivalent circuit to refit to every spectrum, e.g. 'R0-p(R1,CPE1)-p(R2,CPE2)-W1' (impedance.py grammar). Without it only the high-frequency intercept is tracked.")
    var circuit: String?

    @Option(name: .shortAndLong, help: "Write the CSV here instead of standard output.")
    var output: String?

    @Option(name: .customLong("ocv-reference"), help: "What the cell file's OCV table is measured against: cell (default) or lithium (a half-cell curve; reference_offset is subtracted).")
    var ocvReference = "cell"

    @Option(name: .customLong("initial-soc"), help: "State of charge at the first row, 0–1 (default: read off the first voltage, less the typical drop of a cell under the first row's current).")
    var initialSOC: Double?

    @Option(name: .customLong("stack-pressure"), help: "Pressure the rig applies, e.g. 30MPa (default: the first pressure reading).")
    var stackPressure: String?

    @Flag(help: "Print the model's cost per sample to standard error.")
    var stats = false

    func validate() throws {
        if let initialSOC, !(0...1).contains(initialSOC) {
            throw ValidationError("--initial-soc \(initialSOC): give a state of charge from 0 to 1")
        }
        guard LiveModelConfiguration.OpenCircuitReference(rawValue: ocvReference) != nil else {
            throw ValidationError("--ocv-reference \(ocvReference): choose cell or lithium")
        }
    }

    func run() throws {
        let description: CellDescription
        do { description = try CellDescription.load(contentsOf: cell) } catch { throw SOCInputError(description: "\(error)") }
        var configuration: LiveModelConfiguration
        do {
            configuration = try LiveModelConfiguration(
                cell: description, ocvReference: LiveModelConfiguration.OpenCircuitReference(rawValue: ocvReference) ?? .cell)
        } catch {
            throw SOCInputError(description: "\(cell): \(error)")
        }
        configuration.initialStateOfCharge = initialSOC
        configuration.appliedPressure = try optionalQuantity(stackPressure, option: "stack-pressure", expecting: .pressure)?.value
        var model = LiveModel(configuration: configuration)
        var pending = try spectra.map(Self.readSpectra) ?? []
        if spectra != nil {
            // Cell constant L/A in cm⁻¹, for assigning arcs by capacitance.
            let constant = description.electrolyteThickness.flatMap { l in description.area.map { l / $0 / 100 } } ?? 1
            model.impedance = try Self.tracker(circuit: circuit, first: pending.first, cellConstant: constant)
        } else if circuit != nil {
            throw ValidationError("--circuit refits spectra: give them with --spectra DIR")
        }
        let input = try SOCSamples.read(path: file)
        let out = try OutputFile(path: output)
        out.write("time_s,soc,soc_sigma,r_ohm_ohm,r_int_ohm,pressure_expected_Pa,alarms")
        defer { out.flush() }
        let clock = ContinuousClock()
        var modelTime = Duration.zero
        var rows = 0
        do {
            for m in input {
                while let next = pending.first, next.time <= m.time {
                    pending.removeFirst()
                    try ingest(next, into: &model)
                }
                let start = clock.now
                let e = model.update(m)
                modelTime += clock.now - start
                rows += 1
                for alarm in e.alarms { Self.report(alarm) }
                out.write("\(m.time),\(Self.cell(e.stateOfCharge)),\(Self.cell(e.stateOfChargeSigma)),\(Self.cell(e.ohmicResistance)),"
                    + "\(Self.cell(e.interfacialResistance)),\(Self.cell(e.expectedPressure)),\(e.alarms.map(\.kind.rawValue).joined(separator: ";"))")
            }
        } catch let error as LiveModelError {
            throw SOCInputError(description: "\(error)")
        }
        for spectrum in pending { try ingest(spectrum, into: &model) }
        out.flush()
        summarise(model, rows: rows, modelTime: modelTime)
    }

    /// A tracker that refits `circuit` (cold-fitted to the first spectrum,
    /// then warm-started), or follows the intercept alone without a circuit.
    private static func tracker(circuit text: String?, first: ImpedanceMeasurement?, cellConstant: Double) throws -> ImpedanceTracker {
        guard let text else { return ImpedanceTracker(cellConstant: cellConstant) }
        let circuit: Circuit
        do { circuit = try Circuit(text) } catch { throw ValidationError("--circuit \(text): \(error)") }
        guard let first else { return ImpedanceTracker(cellConstant: cellConstant) }
        let refitter = LevenbergMarquardtRefitter()
        let start: CircuitRefit
        do { start = try refitter.coldFit(first, circuit: circuit) } catch {
            throw SOCInputError(description: "spectrum at t = \(first.time) s: \(circuit) does not fit: \(error)")
        }
        return try ImpedanceTracker(circuit: circuit, initial: start.parameters, refitter: refitter, cellConstant: cellConstant)
    }

    private func ingest(_ spectrum: ImpedanceMeasurement, into model: inout LiveModel) throws {
        guard let (reading, alarms) = try model.ingest(spectrum) else { return }
        let intercept = reading.highFrequencyIntercept.map { String(format: "%.4g Ohm", $0) } ?? "not found"
        let parts = ImpedancePart.allCases.compactMap { part in
            reading.total(part).map { String(format: "%@ %.4g Ohm", "\(part)", $0) }
        }
        let fitted = parts.isEmpty ? "" : "; fitted " + parts.joined(separator: ", ")
        Self.standardError("spectrum at t = \(spectrum.time) s: high-frequency intercept \(intercept)\(fitted)")
        for alarm in alarms { Self.report(alarm) }
    }

    private func summarise(_ model: LiveModel, rows: Int, modelTime: Duration) {
        var lines = ["\(rows) samples up to cycle \(Self.cycleNumber(completed: model.completedCycles)), \(model.alarms.count) alarms"]
        if let capacity = model.capacityEstimator {
            lines.append(String(format: "capacity %.4g mAh (state of health %.3f)", capacity.capacity / 3.6, capacity.stateOfHealth))
        }
        let growth = model.interfaceGrowth
        if let perRootHour = growth.perRootHour {
            let perCycle = growth.perCycle.map { String(format: ", %.4g Ohm per cycle", $0) } ?? ""
            lines.append(String(format: "interfacial resistance grows %.4g Ohm per root hour", perRootHour) + perCycle)
        }
        if let compared = model.ohmicAgainstImpedance {
            lines.append(String(format: "last step's R_ohm %.4g Ohm; the latest spectrum predicts %.4g Ohm", compared.dc, compared.impedance))
        }
        if let k = model.pressure.stiffness, let tau = model.pressure.creepTime, model.pressure.growthPerCharge != 0 {
            lines.append(String(format: "stack stiffness %.3g MPa/um, creep time %.3g h", k / 1e12, tau / 3600))
        }
        if stats, rows > 0 {
            let seconds = Double(modelTime.components.seconds) + Double(modelTime.components.attoseconds) * 1e-18
            lines.append(String(format: "model: %.0f ns per sample (%.2f million updates per second)", seconds / Double(rows) * 1e9, Double(rows) / seconds / 1e6))
        }
        for line in lines { Self.standardError(line) }
    }

    static func readSpectra(_ folder: String) throws -> [ImpedanceMeasurement] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }
        } catch {
            throw ValidationError("--spectra \(folder): cannot list the folder: \(error.localizedDescription)")
        }
        do {
            return try names.map { (name) throws(LiveModelError) in try SpectrumCSV.read(contentsOf: "\(folder)/\(name)") }
                .sorted { $0.time < $1.time }
        } catch {
            throw SOCInputError(description: "--spectra: \(error)")
        }
    }

    static func cell(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return String(format: "%.6g", x)
    }

    /// The live model counts an alarm's cycle as the cycles completed before
    /// it (0 in the first); `run`, the data files and people count the first cycle as 1.
    static func cycleNumber(completed: Int) -> Int { completed + 1 }

    static func report(_ alarm: Alarm) {
        var numbered = alarm
        numbered.cycle = cycleNumber(completed: alarm.cycle)
        standardError("alarm: \(numbered)")
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A file `cyclerctl soc` was given cannot be used; the text names the file,
/// the line or field, and what would be valid.
struct SOCInputError: Error, CustomStringConvertible {
    var description: String
}
