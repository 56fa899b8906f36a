import CyclerConfiguration
import ArgumentParser
import CellSimulator
import Electrochemistry

/// `cyclerctl analyze electronic`: σₑ from a DC hold on ion-blocking electrodes.
struct AnalyzeElectronicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "electronic",
        abstract: "Electronic conductivity σₑ = I_ss·L/(ΔV·A) from a DC hold on SS|SE|SS (Hebb–Wagner style).",
        discussion: """
        The steady current is detected: the first trailing --window over which the \
        current changes by less than --tolerance. If that never happens the result \
        says so and σₑ is an upper bound (the current was still decaying).

        With --run FOLDER --step N it reads the polarisation `cyclerctl run` wrote for step N, \
        with the run's ΔV, steady-state criterion and cell geometry (any of them can still be \
        given), and reproduces the run's σₑ.

        Examples:
          cyclerctl analyze electronic hold.csv --voltage 0.5V --area 0.785cm2 --thickness 800um
          cyclerctl analyze electronic --run runs/sigma --step 2
        """
    )

    @Argument(help: "CSV with time and current columns (time_s,voltage_V,current_A); or --run and --step.")
    var file: String?

    @Option(help: "Applied voltage ΔV, e.g. 0.5V.")
    var voltage: String?

    @Option(help: "Electrode area, e.g. 0.785cm2.")
    var area: String?

    @Option(help: "Electrolyte thickness, e.g. 800um.")
    var thickness: String?

    @OptionGroup var source: RunPolarisationOptions

    @OptionGroup var steady: SteadyStateOptions
    @OptionGroup var output: AnalysisOutputOptions

    func run() throws {
        let report = try analysis()
        print(output.json ? report.object.text : report.text)
    }

    /// The result as text and as JSON, for `run` to print and tests to read.
    func analysis() throws -> AnalysisReport {
        var report: AnalysisReport?
        if let polarisation = try source.polarisation() {
            let cell = polarisation.cell
            let dv = try voltage.map { try quantity($0, option: "voltage", expecting: .voltage).value } ?? polarisation.appliedVoltage
            let a = try area.map { try quantity($0, option: "area", expecting: .area).value } ?? cell?.area
            let l = try thickness.map { try quantity($0, option: "thickness", expecting: .length).value } ?? cell?.electrolyteThickness
            guard let a, let l else { throw ValidationError("the run's cell has no area or electrolyte thickness; give --area and --thickness") }
            do throws(AnalysisError) {
                let r = try ElectronicConductivity.analyse(polarisation.samples, appliedVoltage: dv, area: a, thickness: l,
                                                           criterion: polarisation.criterion)
                report = AnalysisReport(text: text(r, file: polarisation.file), object: json(r, file: polarisation.file))
            } catch {
                throw ValidationError("\(polarisation.file): \(error.message)")
            }
            return try Self.unwrap(report)
        }
        guard let file, let voltage, let area, let thickness else {
            throw ValidationError("give a FILE with --voltage, --area and --thickness, or --run FOLDER --step N")
        }
        let dv = try quantity(voltage, option: "voltage", expecting: .voltage).value
        let a = try quantity(area, option: "area", expecting: .area).value
        let l = try quantity(thickness, option: "thickness", expecting: .length).value
        let criterion = try steady.criterion()
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: false)
            let samples = trace.samples
            do throws(AnalysisError) {
                let r = try ElectronicConductivity.analyse(samples, appliedVoltage: dv, area: a, thickness: l, criterion: criterion)
                report = AnalysisReport(text: text(r, file: file), object: json(r, file: file))
            } catch {
                throw trace.locate(error)
            }
        }
        return try Self.unwrap(report)
    }

    private func text(_ r: ElectronicConductivityResult, file: String) -> String {
        let state = r.steadyState.reachedAt.map { "steady from \(fmt($0)) s" }
            ?? "NOT steady (final drift \(fmt(100 * r.steadyState.finalRelativeDrift, 3)) % per window): σₑ is an upper bound"
        return "\(file): σₑ = \(fmt(r.conductivity / 100, 4)) S/cm  I_ss = \(lab(r.steadyCurrent, .current, 4)), \(state)"
    }

    private func json(_ r: ElectronicConductivityResult, file: String) -> JSONValue {
        .object([
            ("file", .string(file)), ("analysis", .string("electronic")),
            ("electronic_conductivity_S_per_cm", .number(r.conductivity / 100)),
            ("steady_current_A", .number(r.steadyCurrent)),
            ("steady_state_reached", .bool(r.steadyState.isReached)),
            ("steady_state_reached_s", .optional(r.steadyState.reachedAt)),
            ("final_relative_drift", .number(r.steadyState.finalRelativeDrift)),
            ("applied_voltage_V", .number(r.appliedVoltage)), ("area_cm2", .number(r.area * 1e4)),
            ("thickness_um", .number(r.thickness * 1e6)),
        ])
    }

    /// The report the analysis made; every path that returns without one has thrown.
    private static func unwrap(_ report: AnalysisReport?) throws -> AnalysisReport {
        guard let report else { throw ExitCode(2) }
        return report
    }
}
