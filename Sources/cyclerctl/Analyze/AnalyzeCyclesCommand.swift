import ArgumentParser
import Electrochemistry

/// `cyclerctl analyze cycles`: per-cycle summaries of a cycling record.
struct AnalyzeCyclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycles",
        abstract: "Per-cycle capacity, efficiencies, mean voltages, overpotential, DC resistance and retention.",
        discussion: """
        A cycle starts at the first sample and at every charge (I > rest current) \
        that follows a discharge; rests stay in the cycle they fall in. Positive \
        current charges. Each sample's current is taken to hold over the interval \
        ending at it. DC resistance is ΔV/ΔI at current steps, at the sampling interval.

        Examples:
          cyclerctl sim cycle --preset nmc811-lpscl-liin --rate C/2 --cycles 10 -o run.csv
          cyclerctl analyze cycles run.csv --json
        """
    )

    @Argument(help: "CSV with time, voltage and current columns (time_s,voltage_V,current_A).")
    var file: String

    @Option(name: .customLong("rest-current"), help: "|I| at or below which a sample is a rest, e.g. 1uA (default: 0.1 % of the largest).")
    var restCurrent: String?

    @OptionGroup var output: AnalysisOutputOptions

    func run() throws {
        let rest = try optionalQuantity(restCurrent, option: "rest-current", expecting: .current)?.value
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: true)
            let samples = trace.samples
            do throws(AnalysisError) {
                let cycles = try CycleSummaries.summarise(samples, restCurrent: rest)
                if output.json {
                    for c in cycles { print(json(c).text) }
                } else {
                    print(text(cycles))
                }
            } catch {
                throw trace.locate(error)
            }
        }
    }

    private func text(_ cycles: [CycleSummary]) -> String {
        var rows = [["cycle", "Q_ch (mAh)", "Q_dis (mAh)", "CE (%)", "EE (%)", "V_ch (V)", "V_dis (V)", "η (V)", "R_dc (Ω)",
                     "retention (%)"]]
        for c in cycles {
            rows.append([
                "\(c.index)", fmt(c.chargeCapacity / 3.6, 5), fmt(c.dischargeCapacity / 3.6, 5),
                fmt(c.coulombicEfficiency.map { 100 * $0 }, 5), fmt(c.energyEfficiency.map { 100 * $0 }, 5),
                fmt(c.meanChargeVoltage, 5), fmt(c.meanDischargeVoltage, 5), fmt(c.overpotential, 4),
                fmt(c.dcResistance, 4), fmt(c.retention.map { 100 * $0 }, 5),
            ])
        }
        return "\(file): \(cycles.count) cycles\n" + TextTable.render(rows)
    }

    private func json(_ c: CycleSummary) -> JSONValue {
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
            ("dc_resistance_Ohm", .optional(c.dcResistance)),
            ("current_steps", .number(Double(c.currentSteps))),
            ("retention", .optional(c.retention)),
        ])
    }
}
