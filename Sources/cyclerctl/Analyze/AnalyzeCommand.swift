import ArgumentParser
import Electrochemistry

/// `cyclerctl analyze`: the solid-state analyses, run offline on exported data.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse measurements: Arrhenius, transference number, electronic conductivity, CCD, cycles, GITT.",
        discussion: """
        Every command reads a CSV (or tab- or semicolon-separated) file whose header \
        names each column with its unit: time_s,voltage_V,current_A as cyclerctl \
        writes, EC-Lab's .mpt and text exports (<I>/mA, Ewe/V), Neware, Arbin and \
        Maccor exports (Current(mA), Test (Sec), Amps), Gamry .DTA curves; CRLF and \
        decimal commas are read. A column whose unit cannot be known is refused, \
        never guessed. Positive current charges the cell. \
        Results are printed as text, or with --json as one JSON object per line. \
        A bad file is reported on stderr as FILE:LINE:COLUMN: error: … with exit status 2.
        """,
        subcommands: [AnalyzeArrheniusCommand.self, AnalyzeTransferenceCommand.self, AnalyzeElectronicCommand.self,
                      AnalyzeCCDCommand.self, AnalyzeCyclesCommand.self, AnalyzeGITTCommand.self, AnalyzeReplayCommand.self]
    )
}

/// Options every analysis command shares.
struct AnalysisOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per line instead of text.")
    var json = false
}

/// The steady-state criterion options shared by the DC polarisation commands.
struct SteadyStateOptions: ParsableArguments {
    @Option(help: "Trailing window over which the current must be steady, e.g. 10min.")
    var window = "10min"

    @Option(help: "Largest relative change of the current across the window, e.g. 1%.")
    var tolerance = "1%"

    func criterion() throws -> SteadyStateCriterion {
        let w = try quantity(window, option: "window", expecting: .time).value
        let tol = try quantity(tolerance, option: "tolerance", expecting: .dimensionless).value
        guard w > 0 else { throw ValidationError("--window \(window): give a positive duration, e.g. 10min") }
        guard tol > 0, tol < 1 else { throw ValidationError("--tolerance \(tolerance): give a fraction between 0 and 100 %, e.g. 1%") }
        return SteadyStateCriterion(window: w, relativeDriftTolerance: tol)
    }
}

/// What an analysis command prints: as text, or as one JSON object (`--json`).
struct AnalysisReport {
    var text: String
    var object: JSONValue
}
