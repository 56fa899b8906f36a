import ArgumentParser
import Electrochemistry
import Foundation
import Numerics

/// `cyclerctl eis kk`: the lin-KK check of one spectrum.
struct EISKramersKronigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kk",
        abstract: "Check a spectrum for linearity, causality and stability (lin-KK, Schönleber 2014).",
        discussion: """
        Fits an ohmic resistance, an inductance and M RC elements spread over the \
        measured time constants, raising M until μ ≤ 0.85, and reports the \
        residuals relative to |Z| with the spectrum's noise, estimated from \
        neighbouring residuals. The spectrum passes when its residuals are \
        white noise, of any size; it fails when a smooth run of residuals \
        stands --significance σ above that noise (and above three times the \
        ripple the ladder leaves when refitted to its own spectrum, measured on \
        each spectrum: the ladder's own resolution), or when the real residual stands that far \
        above the real part the imaginary part predicts through the same \
        ladder (drift of a series resistance moves only the real part): \
        drift or non-linearity during the sweep. \
        Exit status 1 when it fails, 2 when the file cannot be read.

        Examples: cyclerctl eis kk cell3-eis-0042.mpt --json
                  cyclerctl sim eis --preset ss-lpscl-ss | cyclerctl eis kk -
        """
    )

    @Argument(help: "Spectrum file (CSV or EC-Lab .mpt); - reads standard input.")
    var file: String

    @Option(help: "Significance, in standard deviations of a window mean, at which smooth residuals fail the spectrum.")
    var significance = 4.0

    @Flag(help: "One JSON object on standard output.")
    var json = false

    func validate() throws {
        guard significance > 0 else { throw ValidationError("--significance \(significance): give a positive number of standard deviations, e.g. 4") }
    }

    func run() async throws {
        let data: ImpedanceData
        do {
            data = try SpectrumInputs.read(file)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let result = LinearKramersKronig(significanceLimit: significance).validate(data)
        if json {
            var object = JSONObject()
            object.add("file", file)
            object.add("kk", object: FitReport.json(result))
            var points: [JSONObject] = []
            for (f, r) in zip(result.frequencies, result.residuals) {
                var point = JSONObject()
                point.add("frequency_Hz", f)
                point.add("real", r.real)
                point.add("imaginary", r.imaginary)
                points.append(point)
            }
            object.add("residuals", array: points)
            print(object.text)
        } else {
            print("\(file): lin-KK \(result.passed ? "PASS" : "FAIL"): \(result.reason)")
            print("  frequency_Hz   real_%   imag_%")
            for (f, r) in zip(result.frequencies, result.residuals) {
                print(String(format: "  %12.5g %8.3f %8.3f", f, 100 * r.real, 100 * r.imaginary))
            }
        }
        if !result.passed { throw ExitCode(1) }
    }
}
