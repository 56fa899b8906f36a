import ArgumentParser
import Electrochemistry
import ProtocolEngine

/// `cyclerctl analyze transference`: Bruce–Vincent t₊ from a potentiostatic hold.
struct AnalyzeTransferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transference",
        abstract: "Li⁺ transference number by Bruce–Vincent–Evans from a ΔV hold on Li|SE|Li.",
        discussion: """
        t₊ = I_s(ΔV − I₀R₀)/(I₀(ΔV − I_sR_s)). R₀ and R_s are the interfacial \
        resistances from EIS before and after the hold. I₀ is the first current \
        after the step (or after --i0-delay); with --i0-extrapolate it is the \
        current against √t over that range of seconds, extrapolated to the step, \
        for cells whose interfaces dominate. I_s is taken at the end of the hold \
        once the current has been steady (--window, --tolerance).

        With --run FOLDER --step N it reads the polarisation `cyclerctl run` wrote for step N, \
        with the run's ΔV, steady-state criterion, I₀ rule and fitted R₀ and R_s (any of them can \
        still be given), and reproduces the run's t₊.

        Examples:
          cyclerctl analyze transference hold.csv --voltage 10mV --r0 2330ohm --rs 2410ohm
          cyclerctl analyze transference --run runs/tbv --step 3
          cyclerctl analyze transference hold.csv --voltage 10mV --r0 2330ohm --rs 2410ohm --i0-extrapolate 1s,10s --json
        """
    )

    @Argument(help: "CSV with time and current columns (time_s,voltage_V,current_A); or --run and --step.")
    var file: String?

    @Option(help: "Applied step ΔV, e.g. 10mV.")
    var voltage: String?

    @Option(help: "Interfacial resistance before the hold, e.g. 250ohm.")
    var r0: String?

    @Option(help: "Interfacial resistance after the hold, e.g. 270ohm.")
    var rs: String?

    @OptionGroup var source: RunPolarisationOptions

    @Option(name: .customLong("i0-delay"), help: "Read I₀ at the first sample this long after the step, e.g. 0.1s.")
    var i0Delay = "0s"

    @Option(name: .customLong("i0-extrapolate"), help: "Extrapolate I₀ from I against √t over FROM,TO after the step, e.g. 1s,10s.")
    var i0Extrapolate: String?

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
            let dv = try voltage.map { try quantity($0, option: "voltage", expecting: .voltage).value } ?? polarisation.appliedVoltage
            let r0Fit = try resistance(r0, option: "r0", inRun: polarisation.inRunValue("R0", of: "transference"))
            let rsFit = try resistance(rs, option: "rs", inRun: polarisation.inRunValue("Rs", of: "transference"))
            let reading = i0Extrapolate == nil && i0Delay == "0s"
                ? ElectrochemistryAnalyses.initialCurrentReading(firstSampleTime: polarisation.samples.first?.time ?? 1)
                : try initialCurrentReading()
            do throws(AnalysisError) {
                let r = try BruceVincent.analyse(polarisation.samples, appliedVoltage: dv, initialInterfacialResistance: r0Fit.value,
                                                 steadyInterfacialResistance: rsFit.value, initialResistanceError: r0Fit.standardError,
                                                 steadyResistanceError: rsFit.standardError, initialCurrentReading: reading,
                                                 criterion: polarisation.criterion)
                report = AnalysisReport(text: text(r, file: polarisation.file), object: json(r, file: polarisation.file))
            } catch {
                throw ValidationError("\(polarisation.file): \(error.message)")
            }
            return try Self.unwrap(report)
        }
        guard let file, let voltage, let r0, let rs else {
            throw ValidationError("give a FILE with --voltage, --r0 and --rs, or --run FOLDER --step N")
        }
        let dv = try quantity(voltage, option: "voltage", expecting: .voltage).value
        let r0Value = try quantity(r0, option: "r0", expecting: .resistance).value
        let rsValue = try quantity(rs, option: "rs", expecting: .resistance).value
        let criterion = try steady.criterion()
        let reading = try initialCurrentReading()
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: false)
            let samples = trace.samples
            do throws(AnalysisError) {
                let r = try BruceVincent.analyse(samples, appliedVoltage: dv, initialInterfacialResistance: r0Value,
                                                 steadyInterfacialResistance: rsValue, initialCurrentReading: reading,
                                                 criterion: criterion)
                report = AnalysisReport(text: text(r, file: file), object: json(r, file: file))
            } catch {
                throw trace.locate(error)
            }
        }
        return try Self.unwrap(report)
    }

    /// A resistance option (taken as exact), or the run's own fitted value with its
    /// standard error, so that t₊'s error is the run's too.
    private func resistance(_ text: String?, option: String,
                            inRun: RecordedResults.Analysis.Value?) throws -> (value: Double, standardError: Double) {
        if let text { return (try quantity(text, option: option, expecting: .resistance).value, 0) }
        guard let inRun else {
            throw ValidationError("the run has no transference result to take --\(option) from; give --\(option), e.g. 250ohm")
        }
        return (inRun.value, inRun.standardError ?? 0)
    }

    private func initialCurrentReading() throws -> InitialCurrentReading {
        guard let i0Extrapolate else {
            let delay = try quantity(i0Delay, option: "i0-delay", expecting: .time).value
            guard delay >= 0 else { throw ValidationError("--i0-delay \(i0Delay): give zero or a positive time") }
            return .firstSample(delay: delay)
        }
        let parts = i0Extrapolate.split(separator: ",").map(String.init)
        guard parts.count == 2 else { throw ValidationError("--i0-extrapolate \(i0Extrapolate): give two times FROM,TO, e.g. 1s,10s") }
        let from = try quantity(parts[0], option: "i0-extrapolate", expecting: .time).value
        let to = try quantity(parts[1], option: "i0-extrapolate", expecting: .time).value
        guard from >= 0, to > from else { throw ValidationError("--i0-extrapolate \(i0Extrapolate): need 0 ≤ FROM < TO") }
        return .squareRootExtrapolation(window: from...to)
    }

    private func text(_ r: BruceVincentResult, file: String) -> String {
        [
            "\(file): t₊ = \(fmt(r.transferenceNumber, 4)) ± \(fmt(r.standardError, 2))  (uncorrected I_s/I₀ = \(fmt(r.uncorrectedRatio, 4)))",
            "I₀ = \(lab(r.initialCurrent, .current)) at \(fmt(r.initialCurrentTime)) s   I_s = \(lab(r.steadyCurrent, .current)), steady from \(fmt(r.steadyState.reachedAt)) s",
            "ΔV = \(lab(r.appliedVoltage, .voltage))  R₀ = \(lab(r.initialInterfacialResistance, .resistance))  "
                + "R_s = \(lab(r.steadyInterfacialResistance, .resistance))",
            "ΔV − I₀R₀ = \(lab(r.initialDrive, .voltage))  ΔV − I_sR_s = \(lab(r.steadyDrive, .voltage))",
        ].joined(separator: "\n") + ReportedAnalysis.warningLines(r.warnings).map { "\n" + $0 }.joined()
    }

    private func json(_ r: BruceVincentResult, file: String) -> JSONValue {
        let method: String = switch r.initialCurrentReading {
        case .firstSample: "first_sample"
        case .squareRootExtrapolation: "sqrt_t_extrapolation"
        }
        return .object([
            ("file", .string(file)), ("analysis", .string("transference")),
            ("transference_number", .number(r.transferenceNumber)), ("transference_number_standard_error", .number(r.standardError)),
            ("uncorrected_ratio", .number(r.uncorrectedRatio)),
            ("initial_current_A", .number(r.initialCurrent)), ("initial_current_time_s", .number(r.initialCurrentTime)),
            ("initial_current_method", .string(method)),
            ("steady_current_A", .number(r.steadyCurrent)), ("steady_state_reached_s", .optional(r.steadyState.reachedAt)),
            ("final_relative_drift", .number(r.steadyState.finalRelativeDrift)),
            ("applied_voltage_V", .number(r.appliedVoltage)),
            ("r0_Ohm", .number(r.initialInterfacialResistance)), ("rs_Ohm", .number(r.steadyInterfacialResistance)),
            ("corrected_initial_drive_V", .number(r.initialDrive)), ("corrected_steady_drive_V", .number(r.steadyDrive)),
            ("initial_drop_fraction", .number(r.initialDropFraction)), ("condition_number", .number(r.conditionNumber)), ("ill_conditioned", .bool(r.isIllConditioned)),
            ("warnings", .array(r.warnings.map(JSONValue.string))),
        ])
    }

    /// The report the analysis made; every path that returns without one has thrown.
    private static func unwrap(_ report: AnalysisReport?) throws -> AnalysisReport {
        guard let report else { throw ExitCode(2) }
        return report
    }
}
