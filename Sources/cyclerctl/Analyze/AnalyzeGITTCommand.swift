import ArgumentParser
import Electrochemistry
import Foundation

extension ParticleGeometry: ExpressibleByArgument {}

/// `cyclerctl analyze gitt`: D/L² per pulse of a GITT record from any cycler.
struct AnalyzeGITTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitt",
        abstract: "D/L² per GITT pulse by Weppner–Huggins, for planar or spherical particles, against voltage and SOC.",
        discussion: """
        Pulses are runs of samples carrying at least half the largest |I|; each needs a rest \
        before and after it. ΔE_t comes from the √t fit of the pulse (IR jump left out), ΔE_s \
        from the relaxed voltages around it. L is the diffusion length V/S: a film's thickness, \
        a sphere's R/3. With --particles sphere each pulse is matched to the sphere's exact \
        response; the planar formula 4/(πτ)·(ΔE_s/ΔE_t)² reads spheres low (about 20 % for a 1 min \
        pulse on 10 µm NMC). A pulse longer than 0.3·L²/D is flagged: shorten it for a trustworthy D.

        Examples:
          cyclerctl analyze gitt gitt.mpt --particles sphere --capacity 1.57mAh --radius 5um
          cyclerctl analyze gitt data.csv --json
        """
    )

    @Argument(help: "CSV with time, voltage and current columns (time_s,voltage_V,current_A), or another cycler's export.")
    var file: String

    @Option(help: "Shape of the active particles: planar (thin films) or sphere (powders).")
    var particles: ParticleGeometry = .planar

    @Option(help: "Cell capacity, e.g. 1.57mAh: each pulse then carries its SOC.")
    var capacity: String?

    @Option(name: .customLong("initial-soc"), help: "State of charge at the file's first sample, 0–1.")
    var initialSOC = 0.0

    @Option(help: "Particle radius for spheres, e.g. 5um: D is then reported in cm²/s.")
    var radius: String?

    @OptionGroup var output: AnalysisOutputOptions

    func validate() throws {
        guard (0...1).contains(initialSOC) else { throw ValidationError("--initial-soc \(initialSOC): give a state of charge from 0 to 1") }
        if radius != nil, particles != .sphere { throw ValidationError("--radius goes with --particles sphere") }
    }

    func run() throws {
        let report = try analysis()
        print(output.json ? report.object.text : report.text)
    }

    /// The result as text and as JSON, for tests to read.
    func analysis() throws -> AnalysisReport {
        let charge = try optionalQuantity(capacity, option: "capacity", expecting: .charge)?.value
        let r = try optionalQuantity(radius, option: "radius", expecting: .length)?.value
        if let r, r <= 0 { throw ValidationError("--radius \(radius ?? ""): give a positive radius, e.g. 5um") }
        var report: AnalysisReport?
        try exitingOnFileErrors {
            let trace = try SampleTrace(path: file, needsVoltage: true)
            do throws(AnalysisError) {
                let pulses = try GITTAnalysis.analyse(trace.samples, capacity: charge, initialStateOfCharge: initialSOC,
                                                      geometry: particles)
                let length = r.map { $0 / 3 }
                report = AnalysisReport(text: text(pulses, length: length), object: json(pulses, length: length))
            } catch {
                throw trace.locate(error)
            }
        }
        guard let report else { throw ExitCode(2) }
        return report
    }

    private func text(_ pulses: [GITTPulse], length: Double?) -> String {
        var header = ["pulse", "from (V)"]
        if pulses.contains(where: { $0.stateOfChargeBefore != nil }) { header.append("SOC (%)") }
        header += ["τ (s)", "ΔE_s (mV)", "ΔE_t (mV)", "√t R²", "τ·D/L²", "D/L² (1/s)"]
        if length != nil { header.append("D (cm²/s)") }
        var rows = [header]
        for (n, p) in pulses.enumerated() {
            var row = ["\(n + 1)" + (p.isShortAgainstDiffusionTime ? "" : " LONG"), fmt(p.restVoltageBefore, 5)]
            if let soc = p.stateOfChargeBefore { row.append(String(format: "%.2f", 100 * soc)) }
            row += [fmt(p.duration, 4), fmt(1000 * p.steadyStateChange, 4), fmt(1000 * p.transientChange, 4),
                    fmt(p.sqrtTimeRSquared, 4), fmt(p.diffusionTimeFraction, 3), fmt(p.normalisedDiffusivity, 4)]
            if let length { row.append(fmt(p.diffusionCoefficient(length: length) * 1e4, 4)) }
            rows.append(row)
        }
        let shape = particles == .sphere ? "spherical particles, L = R/3" : "planar diffusion"
        var lines = ["\(file): \(pulses.count) pulses, \(shape); median D/L² = \(fmt(GITTAnalysis.median(pulses), 4)) 1/s",
                     TextTable.render(rows)]
        if pulses.contains(where: { !$0.isShortAgainstDiffusionTime }) {
            lines.append("LONG: τ·D/L² above \(GITTAnalysis.shortPulseLimit), the pulse is not short against the L²/D it measured; "
                         + "shorten it for a trustworthy D")
        }
        return lines.joined(separator: "\n")
    }

    private func json(_ pulses: [GITTPulse], length: Double?) -> JSONValue {
        var object = JSONObject()
        object.add("file", file)
        object.add("analysis", "gitt")
        object.add("particles", particles.rawValue)
        object.add("median_normalised_diffusivity_per_s", GITTAnalysis.median(pulses))
        object.add("pulses", array: pulses.map { p in
            var pulse = JSONObject()
            pulse.add("start_s", p.start)
            pulse.add("duration_s", p.duration)
            pulse.add("current_A", p.current)
            pulse.add("rest_voltage_before_V", p.restVoltageBefore)
            pulse.add("state_of_charge_before", p.stateOfChargeBefore)
            pulse.add("steady_state_change_V", p.steadyStateChange)
            pulse.add("transient_change_V", p.transientChange)
            pulse.add("sqrt_time_r_squared", p.sqrtTimeRSquared)
            pulse.add("normalised_diffusivity_per_s", p.normalisedDiffusivity)
            pulse.add("diffusion_time_fraction", p.diffusionTimeFraction)
            pulse.add("short", p.isShortAgainstDiffusionTime)
            pulse.add("diffusivity_m2_per_s", length.map { p.diffusionCoefficient(length: $0) })
            return pulse
        })
        return object.value
    }
}
