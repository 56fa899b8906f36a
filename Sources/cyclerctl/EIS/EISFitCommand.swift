import ArgumentParser
import Electrochemistry

extension FitWeighting: ExpressibleByArgument {}

/// `cyclerctl eis fit`: fits one circuit to many spectra in one process.
struct EISFitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an equivalent circuit to impedance spectra (CSV or EC-Lab .mpt).",
        discussion: """
        No initial guess is needed: starting points are read from each spectrum. \
        Files are fitted in the order given (directories in name order), each \
        warm-started from the previous fit, as cyclerd refits a run's spectra. \
        Each spectrum is also checked with lin-KK, and each arc is assigned to \
        bulk, grain boundary, surface layer or electrode interface by its \
        effective capacitance; with --area and --thickness, conductivities and \
        ASRs are reported.

        CSV files need a header naming frequency, real and imaginary columns \
        (e.g. frequency_Hz,z_real_ohm,z_imag_ohm, or -Im(Z)/Ohm for −Z″).

        Errors go to standard error as FILE:LINE:COLUMN: message; the exit \
        status is 2 if any file could not be fitted, and 3 if a fit did not \
        converge or left a parameter on a bound (a CPE exponent at 1): its \
        values are printed, its standard errors are not, and standard error \
        says why.

        Example: cyclerctl eis fit run42/ --circuit 'R0-p(R1,CPE1)-p(R2,CPE2)-Wo1' --area 1cm2 --thickness 500um --json
        """
    )

    @Argument(help: "Spectrum files or directories of them; - reads one from standard input.")
    var files: [String]

    @Option(help: "Equivalent circuit in impedance.py syntax, e.g. 'R0-p(R1,CPE1)'.")
    var circuit: String

    @Option(help: "Residual weighting: unit, proportional or modulus.")
    var weight: FitWeighting = .modulus

    @Option(help: "Electrode area, e.g. 1cm2 (with --thickness: conductivity and ASR).")
    var area: String?

    @Option(help: "Electrolyte thickness, e.g. 500um.")
    var thickness: String?

    @Flag(help: "One JSON object per spectrum per line on standard output.")
    var json = false

    @Flag(help: "Fit every spectrum from its own starting points rather than warm-starting from the previous fit (for unrelated spectra).")
    var cold = false

    @Flag(help: "Skip the lin-KK check (its verdict is then absent from the output).")
    var noKK = false

    @Option(name: .customLong("initial-guess"), help: "Start every fit from these values, comma-separated in impedance.py order and SI units (e.g. 20,200,1e-6,0.9), instead of points read from the spectrum.")
    var initialGuess: String?

    func validate() throws {
        if let initialGuess, initialGuess.split(separator: ",").contains(where: { Double($0.filter { $0 != " " }) == nil }) {
            throw ValidationError("--initial-guess \(initialGuess): give numbers separated by commas, e.g. 20,200,1e-6,0.9")
        }
        guard (area == nil) == (thickness == nil) else {
            throw ValidationError("give --area and --thickness together: conductivity needs both, e.g. --area 1cm2 --thickness 500um")
        }
    }

    func run() async throws {
        let parsedCircuit: Circuit
        do {
            parsedCircuit = try Circuit(circuit)
        } catch {
            printError("--circuit:1:\(error.column): \(error.message)")
            throw ExitCode(2)
        }
        let geometry = try geometry()
        let (paths, problems) = SpectrumInputs.expand(files)
        problems.forEach(printError)
        let fitter = CircuitFitter(weighting: weight)
        let guess = initialGuess.map { $0.split(separator: ",").compactMap { Double($0.filter { $0 != " " }) } }
        let validator = LinearKramersKronig()
        var previous: CircuitFit?
        var failures = problems.count
        var untrustworthy = 0
        let out = try OutputFile(path: nil)
        for path in paths {
            do {
                let data = try SpectrumInputs.read(path)
                let fit: CircuitFit
                do {
                    if let guess {
                        fit = try fitter.fit(data, circuit: parsedCircuit, initialGuess: guess)
                    } else {
                        fit = try cold ? fitter.fit(data, circuit: parsedCircuit)
                            : previous.map { try fitter.fit(data, startingFrom: $0) } ?? fitter.fit(data, circuit: parsedCircuit)
                    }
                } catch let error as CircuitFitError {
                    throw SpectrumFileError(code: .invalidData, file: path, line: 1, column: 1, message: error.message)
                }
                previous = fit
                let report = FitReport(file: path, fit: fit, kramersKronig: noKK ? nil : validator.validate(data),
                                       interpretation: SpectrumInterpretation(fit, geometry: geometry))
                out.write(json ? report.json : report.table)
                if let problem = report.untrustworthy {
                    out.flush()
                    printError("\(path): fit not trustworthy: \(problem)")
                    untrustworthy += 1
                }
            } catch let error as SpectrumFileError {
                out.flush()
                printError(error.description)
                failures += 1
            }
        }
        out.flush()
        if failures > 0 { throw ExitCode(2) }
        if untrustworthy > 0 { throw ExitCode(3) }
    }

    private func geometry() throws -> SampleGeometry? {
        guard let area, let thickness else { return nil }
        let a = try quantity(area, option: "area", expecting: .area).value
        let l = try quantity(thickness, option: "thickness", expecting: .length).value
        guard a > 0, l > 0 else { throw ValidationError("--area \(area) --thickness \(thickness): both must be positive") }
        return SampleGeometry(area: a, thickness: l)
    }
}
