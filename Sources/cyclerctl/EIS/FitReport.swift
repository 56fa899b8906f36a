import Electrochemistry
import Foundation

/// One fitted spectrum as `eis fit` reports it: the fit, its lin-KK check and
/// the arcs' interpretation, as a JSON line or a table.
struct FitReport {
    var file: String
    var fit: CircuitFit
    /// nil when the check was skipped.
    var kramersKronig: KramersKronigResult?
    var interpretation: SpectrumInterpretation

    /// One line of JSON: parameters under impedance.py's names, in SI units.
    var json: String {
        var object = JSONObject()
        object.add("file", file)
        object.add("circuit", fit.circuit.description)
        object.add("weighting", fit.weighting.rawValue)
        var parameters = JSONObject(), errors = JSONObject()
        for (k, name) in fit.parameterNames.enumerated() {
            parameters.add(name, fit.parameters[k])
            errors.add(name, fit.isTrustworthy ? fit.standardErrors[k] : nil)
        }
        object.add("parameters", object: parameters)
        // An unconverged fit, or one pinned to a bound, has no standard errors worth printing.
        object.add("standard_errors", object: errors)
        object.add("trustworthy", fit.isTrustworthy)
        object.add("parameters_on_bounds", strings: fit.parametersOnBounds)
        object.add("chi_square", fit.chiSquare)
        object.add("reduced_chi_square", fit.reducedChiSquare)
        object.add("converged", fit.converged)
        object.add("iterations", fit.iterations)
        if let kramersKronig { object.add("kk", object: Self.json(kramersKronig)) }
        object.add("arcs", array: interpretation.arcs.map { arc in
            var a = JSONObject()
            a.add("element", arc.label)
            a.add("resistance_name", arc.resistanceName)
            a.add("resistance_ohm", arc.resistance)
            a.add("effective_capacitance_F", arc.effectiveCapacitance)
            a.add("apex_frequency_Hz", arc.apexFrequency)
            a.add("origin", arc.origin.rawValue)
            if let asr = arc.areaSpecificResistance { a.add("asr_ohm_cm2", asr * 1e4) }
            if let sigma = arc.conductivity { a.add("conductivity_S_per_cm", sigma / 100) }
            return a
        })
        if let r = interpretation.seriesResistance { object.add("series_resistance_ohm", r) }
        if let sigma = interpretation.seriesConductivity { object.add("series_conductivity_S_per_cm", sigma / 100) }
        return object.text
    }

    static func json(_ kk: KramersKronigResult) -> JSONObject {
        var object = JSONObject()
        object.add("passed", kk.passed)
        object.add("reason", kk.reason)
        object.add("M", kk.elementCount)
        object.add("mu", kk.mu)
        object.add("max_residual", kk.worst.residual)
        object.add("rms_residual", kk.rms)
        object.add("noise_level", kk.noiseLevel)
        object.add("structure_amplitude", kk.structure.amplitude)
        object.add("structure_significance", kk.structure.significance)
        object.add("structure_frequency_Hz", kk.structure.frequency)
        object.add("real_part_amplitude", kk.realPart.amplitude)
        object.add("real_part_significance", kk.realPart.significance)
        object.add("real_part_frequency_Hz", kk.realPart.frequency)
        return object
    }

    /// A table for people.
    var table: String {
        var lines = ["\(file): \(fit.circuit) (\(fit.weighting.rawValue) weighting), χ² = \(Self.g(fit.chiSquare)), reduced \(Self.g(fit.reducedChiSquare))"]
        if let problem = untrustworthy { lines.append("  FIT NOT TRUSTWORTHY: \(problem); no standard errors are given") }
        if let kramersKronig {
            lines.append("  lin-KK \(kramersKronig.passed ? "pass" : "FAIL"): \(kramersKronig.reason)")
        }
        let units = fit.circuit.parameterInfo.map(\.unit)
        for (k, name) in fit.parameterNames.enumerated() {
            let value = fit.parameters[k]
            let error = !fit.isTrustworthy ? "" : fit.standardErrors[k].map { "± \(Self.g($0)) (\(String(format: "%.2g", 100 * $0 / abs(value))) %)" } ?? "± undetermined"
            lines.append("  " + name.padding(toLength: 8, withPad: " ", startingAt: 0)
                         + Self.g(value).padding(toLength: 13, withPad: " ", startingAt: 0)
                         + error.padding(toLength: 26, withPad: " ", startingAt: 0) + units[k])
        }
        for arc in interpretation.arcs {
            var line = "  \(arc.label): \(arc.origin.rawValue), C_eff \(Self.lab(arc.effectiveCapacitance, .capacitance)), "
                + "apex \(Self.lab(arc.apexFrequency, .frequency))"
            if let asr = arc.areaSpecificResistance { line += ", ASR \(Self.lab(asr, .areaSpecificResistance))" }
            if let sigma = arc.conductivity { line += ", σ \(Self.lab(sigma, .conductivity))" }
            lines.append(line)
        }
        if let sigma = interpretation.seriesConductivity, let r = interpretation.seriesResistance {
            lines.append("  series R \(Self.lab(r, .resistance)): σ \(Self.lab(sigma, .conductivity)) (total, if the bulk arc lies above the window)")
        }
        if !interpretation.normalized, !interpretation.arcs.isEmpty {
            lines.append("  (arcs assigned for a cell constant of 1 cm⁻¹; give --area and --thickness to normalise)")
        }
        return lines.joined(separator: "\n")
    }

    /// Why the fit's σ cannot be believed, or nil when they can.
    var untrustworthy: String? {
        var reasons: [String] = []
        if !fit.converged { reasons.append("did not converge after \(fit.iterations) iterations") }
        if !fit.parametersOnBounds.isEmpty {
            reasons.append("\(fit.parametersOnBounds.joined(separator: ", ")) ended on a bound, so the minimum lies outside the allowed range")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    private static func g(_ x: Double) -> String { String(format: "%.4g", x) }

    /// An SI value as a lab reads it: `7.652 nF`, `101.1 kHz`, `42.3 Ω·cm²`.
    private static func lab(_ x: Double, _ dimension: PhysicalDimension) -> String { Quantity(x, dimension).labText() }
}
