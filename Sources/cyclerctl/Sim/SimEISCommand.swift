import ArgumentParser
import CellSimulator
import Electrochemistry
import Instruments
import Numerics

/// `cyclerctl sim eis`: the spectrum the simulated potentiostat measures.
struct SimEISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eis",
        abstract: "Measure an impedance spectrum on a simulated cell; writes CSV.",
        discussion: """
        The simulated potentiostat applies a small sine to the time-domain cell and \
        demodulates it, as a frequency-response analyser does. Output columns: \
        frequency_Hz,z_real_ohm,z_imag_ohm (a capacitive arc has negative z_imag).

        Example: cyclerctl sim eis --preset li-llzo-li --temperature 60degC --from 1MHz --to 0.1Hz --ppd 10 --noise 0
        """
    )

    @OptionGroup var cell: PresetOptions

    @Option(help: "Highest frequency, e.g. 1MHz.")
    var from = "1MHz"

    @Option(help: "Lowest frequency, e.g. 0.1Hz.")
    var to = "0.1Hz"

    @Option(help: "Points per decade.")
    var ppd = 10

    @Option(help: "Excitation, rms: a voltage (PEIS, e.g. 10mV) or a current (GEIS, e.g. 10uA).")
    var amplitude = "10mV"

    @Option(help: "Instrument noise as a multiple of a typical potentiostat's; 0 is ideal.")
    var noise = 1.0

    @Option(help: "State of charge to measure at, 0–1 (full cells).")
    var soc = 0.5

    @Option(help: "Rest at open circuit before measuring, e.g. 1h.")
    var rest = "1h"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard ppd >= 1, ppd <= 100 else { throw ValidationError("--ppd \(ppd): give 1 to 100 points per decade") }
        guard noise >= 0 else { throw ValidationError("--noise \(noise): the noise scale cannot be negative") }
        guard (0...1).contains(soc) else { throw ValidationError("--soc \(soc): give a state of charge from 0 to 1") }
    }

    func run() async throws {
        var definition = try cell.definition()
        definition.initialStateOfCharge = soc
        let high = try quantity(from, option: "from", expecting: .frequency).value
        let low = try quantity(to, option: "to", expecting: .frequency).value
        let restTime = try quantity(rest, option: "rest", expecting: .time).value
        guard high > 0, low > 0, high != low else {
            throw ValidationError("--from \(from) --to \(to): give two different positive frequencies")
        }
        let excitation = try Self.excitation(amplitude)
        let bench = SimulatedBench(definition: definition, seed: cell.seed, noise: InstrumentNoise().scaled(by: noise))
        await bench.rest(seconds: restTime)
        let spectrum = try await bench.potentiostat.measureImpedance(
            ImpedanceRequest(from: high, to: low, perDecade: ppd, excitation: excitation))
        let out = try OutputFile(path: output)
        out.write("frequency_Hz,z_real_ohm,z_imag_ohm")
        for p in spectrum.points {
            out.write("\(p.frequency),\(p.impedance.real),\(p.impedance.imaginary)")
        }
        out.flush()
    }

    static func excitation(_ text: String) throws -> EISExcitation {
        let q: Quantity
        do { q = try Quantity.parse(text) } catch { throw ValidationError("--amplitude \(text): \(error.message)") }
        switch q.dimension {
        case .voltage where q.value > 0 && q.value <= 0.1: return .potentiostatic(amplitude: q.value)
        case .current where q.value > 0: return .galvanostatic(amplitude: q.value)
        default:
            throw ValidationError("--amplitude \(text): give an rms voltage up to 100 mV (PEIS, e.g. 10mV) or a current (GEIS, e.g. 10uA)")
        }
    }
}
