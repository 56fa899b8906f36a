import ArgumentParser
import Electrochemistry

/// `cyclerctl analyze ccd`: critical current density from a plating/stripping ramp.
struct AnalyzeCCDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccd",
        abstract: "Critical current density from a Li|SE|Li ramp: the last step completed without a short.",
        discussion: """
        The trace is split into half-cycles (one sign and magnitude of current) and \
        levels (one current density). A half-cycle shorts when |V/I| collapses below \
        --collapse of its own running maximum or of the last stable half-cycle's \
        median (after --settling), or when |V| falls below --floor while current flows.

        Example:
          cyclerctl analyze ccd ramp.csv --area 0.785cm2 --json
        """
    )

    @Argument(help: "CSV with time, voltage and current columns (time_s,voltage_V,current_A).")
    var file: String

    @Option(help: "Electrode area, e.g. 0.785cm2.")
    var area: String

    @Option(help: "Fraction of the reference |V/I| below which the cell is shorted.")
    var collapse = "50%"

    @Option(help: "|V| below which a cell carrying current is shorted.")
    var floor = "0.2mV"

    @Option(help: "Time into a half-cycle before comparing with earlier ones.")
    var settling = "10s"

    @OptionGroup var output: AnalysisOutputOptions

    func run() throws {
        let a = try quantity(area, option: "area", expecting: .area).value
        var criterion = ShortCriterion()
        criterion.collapseFraction = try quantity(collapse, option: "collapse", expecting: .dimensionless).value
        criterion.voltageFloor = try quantity(floor, option: "floor", expecting: .voltage).value
        criterion.settlingTime = try quantity(settling, option: "settling", expecting: .time).value
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: true)
            let samples = trace.samples
            do throws(AnalysisError) {
                let r = try CriticalCurrentDensity.analyse(samples, area: a, criterion: criterion)
                print(output.json ? json(r).text : text(r))
            } catch {
                throw trace.locate(error)
            }
        }
    }

    /// A current density in mA/cm² (1 A/m² = 0.1 mA/cm²).
    private func mAcm2(_ j: Double) -> Double { j / 10 }

    private func text(_ r: CriticalCurrentDensityResult) -> String {
        var lines = ["\(file): CCD = \(fmt(r.lastStableCurrentDensity.map(mAcm2), 4)) mA/cm²"
            + (r.firstFailingCurrentDensity.map { "; shorted at \(fmt(mAcm2($0), 4)) mA/cm² at t = \(r.shortTime.map { lab($0, .time) } ?? "–")" }
                ?? "; no short")
            + "; plated \(fmt(r.cumulativePlatedCharge / 36_000, 4)) mAh/cm² before the end"]
        var rows = [["j (mA/cm²)", "plating η (mV)", "stripping η (mV)", "status"]]
        for level in r.levels {
            rows.append([fmt(mAcm2(level.currentDensity), 4), fmt(level.platingOverpotential.map { 1e3 * $0 }, 4),
                         fmt(level.strippingOverpotential.map { 1e3 * $0 }, 4), level.isStable ? "stable" : "SHORT"])
        }
        lines += TextTable.render(rows).split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    private func json(_ r: CriticalCurrentDensityResult) -> JSONValue {
        .object([
            ("file", .string(file)), ("analysis", .string("ccd")),
            ("ccd_mA_per_cm2", .optional(r.lastStableCurrentDensity.map(mAcm2))),
            ("first_failing_mA_per_cm2", .optional(r.firstFailingCurrentDensity.map(mAcm2))),
            ("short_time_s", .optional(r.shortTime)),
            ("cumulative_plated_mAh_per_cm2", .number(r.cumulativePlatedCharge / 36_000)),
            ("levels", .array(r.levels.map { level in
                .object([("current_density_mA_per_cm2", .number(mAcm2(level.currentDensity))),
                         ("stable", .bool(level.isStable)),
                         ("plating_overpotential_V", .optional(level.platingOverpotential)),
                         ("stripping_overpotential_V", .optional(level.strippingOverpotential)),
                         ("half_cycles", .number(Double(level.halfCycles.count)))])
            })),
        ])
    }
}
