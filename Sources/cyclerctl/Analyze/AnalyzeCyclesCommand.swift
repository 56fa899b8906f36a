import ArgumentParser
import CellSimulator
import Electrochemistry
import ProtocolEngine

/// `cyclerctl analyze cycles`: per-cycle summaries of a cycling record.
struct AnalyzeCyclesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycles",
        abstract: "Per-cycle capacity, efficiencies, mean voltages, overpotential, DC resistance and retention.",
        discussion: """
        A cycle starts at the first sample and at every charge (I > rest current) \
        that follows a discharge; rests stay in the cycle they fall in. Positive \
        current charges. Each sample's current is taken to hold over the interval \
        ending at it. DC resistance is ΔV/ΔI between the last reading of the rest \
        before each cycle's discharge and the first reading at least \
        --dc-resistance-delay into the discharge; the table gives the time used. \
        Retention is the discharge capacity over that of the first earlier cycle \
        discharged at the same current (within 1 %): a CCD ramp or a rate test has \
        none. A Coulombic efficiency above 100 % is warned of below the table.

        With --run FOLDER it reads the data.csv `cyclerctl run` wrote and summarises the \
        protocol's own cycles (its cycle column) as the run did, to the same numbers.

        Examples:
          cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/2 --cycles 10 -o run.csv
          cyclerctl analyze cycles run.csv --json
          cyclerctl analyze cycles --run runs/gcpl
        """
    )

    @Argument(help: "CSV with time, voltage and current columns (time_s,voltage_V,current_A); or --run.")
    var file: String?

    @Option(help: "A folder `cyclerctl run` wrote: summarise its protocol cycles as the run did.")
    var run: String?

    @Option(name: .customLong("rest-current"), help: "|I| at or below which a sample is a rest, e.g. 1uA (default: 0.1 % of the largest).")
    var restCurrent: String?

    @Option(name: .customLong("dc-resistance-delay"), help: "How long into the discharge DC resistance is read, e.g. 10s.")
    var dcResistanceDelay = "10s"

    @OptionGroup var output: AnalysisOutputOptions

    func run() async throws {
        if let folder = run {
            let report = try await protocolCycles(folder)
            print(output.json ? report.object.text : report.text)
            return
        }
        guard let file else { throw ValidationError("give a FILE, or --run FOLDER") }
        let rest = try optionalQuantity(restCurrent, option: "rest-current", expecting: .current)?.value
        let delay = try quantity(dcResistanceDelay, option: "dc-resistance-delay", expecting: .time).value
        guard delay > 0 else { throw ValidationError("--dc-resistance-delay \(dcResistanceDelay): give a positive time, e.g. 10s") }
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: true)
            let samples = trace.samples
            do throws(AnalysisError) {
                let cycles = try CycleSummaries.summarise(samples, restCurrent: rest, resistanceDelay: delay)
                if output.json {
                    for c in cycles { print(json(c, file: file).text) }
                } else {
                    print(text(cycles, file: file))
                }
            } catch {
                throw trace.locate(error)
            }
        }
    }

    func text(_ cycles: [CycleSummary], file: String) -> String {
        var rows = [["cycle", "Q_ch (mAh)", "Q_dis (mAh)", "CE (%)", "EE (%)", "V_ch (V)", "V_dis (V)", "η (V)", "R_dc (Ω)",
                     "R_dc after (s)", "retention (%)"]]
        for c in cycles {
            rows.append([
                "\(c.index)", fmt(c.chargeCapacity / 3.6, 5), fmt(c.dischargeCapacity / 3.6, 5),
                fmt(c.coulombicEfficiency.map { 100 * $0 }, 5), fmt(c.energyEfficiency.map { 100 * $0 }, 5),
                fmt(c.meanChargeVoltage, 5), fmt(c.meanDischargeVoltage, 5), fmt(c.overpotential, 4),
                fmt(c.dcResistance?.resistance, 4), fmt(c.dcResistance?.delay, 3), fmt(c.retention.map { 100 * $0 }, 5),
            ])
        }
        let warnings = cycles.flatMap { c in c.warnings.map { "cycle \(c.index): \($0)" } }
        return (["\(file): \(cycles.count) cycles", TextTable.render(rows)] + ReportedAnalysis.warningLines(warnings)).joined(separator: "\n")
    }

    private func json(_ c: CycleSummary, file: String) -> JSONValue {
        .object([
            ("file", .string(file)), ("cycle", .number(Double(c.index))),
            ("start_s", .number(c.start)), ("end_s", .number(c.end)),
            ("charge_capacity_mAh", .number(c.chargeCapacity / 3.6)),
            ("discharge_capacity_mAh", .number(c.dischargeCapacity / 3.6)),
            ("charge_energy_mWh", .number(c.chargeEnergy / 3.6)),
            ("discharge_energy_mWh", .number(c.dischargeEnergy / 3.6)),
            ("coulombic_efficiency", .optional(c.coulombicEfficiency)),
            ("energy_efficiency", .optional(c.energyEfficiency)),
            ("mean_charge_voltage_V", .optional(c.meanChargeVoltage)),
            ("mean_discharge_voltage_V", .optional(c.meanDischargeVoltage)),
            ("overpotential_V", .optional(c.overpotential)),
            ("dc_resistance_Ohm", .optional(c.dcResistance?.resistance)),
            ("dc_resistance_delay_s", .optional(c.dcResistance?.delay)),
            ("dc_resistance_event", c.dcResistance.map { .string($0.event.rawValue) } ?? .null),
            ("discharge_current_A", .optional(c.dischargeCurrent)),
            ("retention", .optional(c.retention)),
            ("warnings", .array(c.warnings.map(JSONValue.string))),
        ])
    }

    /// The run's cycle summaries recomputed from its data.csv by the analysis the run used.
    func protocolCycles(_ folder: String) async throws -> AnalysisReport {
        let run = RunFolder(directory: folder)
        let samples = try run.recordedSamples()
        let results = run.results
        let cell = (results?.cell).map(CellContext.init) ?? CellContext.declared(by: CellRequirements())
        let request = AnalysisRequest(kind: .cycles, cell: cell, spectra: [], polarisations: [], samples: samples)
        guard let result = try await ElectrochemistryAnalyses().analyse(request) else {
            throw ValidationError("\(folder): the run recorded no counted cycle")
        }
        let reported = ReportedAnalysis(result, cell: cell)
        let values = JSONValue.array(result.values.map {
            .object([("name", .string($0.name)), ("value", .number($0.value)), ("unit", .string($0.unit))])
        })
        let lines = reported.lab.map { "\($0.name) = \($0.text)" } + ReportedAnalysis.warningLines(result.warnings)
        return AnalysisReport(text: (["\(folder): protocol cycles"] + lines).joined(separator: "\n"),
                              object: .object([("run", .string(folder)), ("analysis", .string("cycles")), ("values", values),
                                               ("warnings", .array(result.warnings.map(JSONValue.string)))]))
    }
}
