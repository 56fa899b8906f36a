import ArgumentParser
import Electrochemistry

/// `cyclerctl analyze arrhenius`: Eₐ from conductivity (or resistance) against temperature.
struct AnalyzeArrheniusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrhenius",
        abstract: "Fit σT = σ₀·exp(−Eₐ/kT); test for a phase-transition break; optionally fit VTF.",
        discussion: """
        Columns: temperature (temperature_K, temperature_degC, T/°C …) and either \
        conductivity (conductivity_S/cm, sigma/mS/cm …) or resistance (resistance_Ohm, \
        R/Ohm …), which needs --area and --thickness (σ = L/(R·A)).

        The break test compares two lines with one (F test, Bonferroni-corrected over \
        the splits tried) and needs at least 7 temperatures.

        Examples:
          cyclerctl analyze arrhenius sigma.csv
          cyclerctl analyze arrhenius hf-intercepts.csv --area 0.785cm2 --thickness 500um --vtf --json
        """
    )

    @Argument(help: "CSV file with temperature and conductivity or resistance columns.")
    var file: String

    @Option(help: "Electrode area, e.g. 0.785cm2 (with a resistance column).")
    var area: String?

    @Option(help: "Electrolyte thickness, e.g. 500um (with a resistance column).")
    var thickness: String?

    @Flag(help: "Also fit Vogel–Tammann–Fulcher (polymers).")
    var vtf = false

    @Option(help: "Largest corrected p-value accepted as a break.")
    var significance = 0.01

    @OptionGroup var output: AnalysisOutputOptions

    func run() throws {
        let areaValue = try optionalQuantity(area, option: "area", expecting: .area)?.value
        let thicknessValue = try optionalQuantity(thickness, option: "thickness", expecting: .length)?.value
        guard significance > 0, significance < 1 else { throw ValidationError("--significance \(significance): give a value between 0 and 1") }
        try exitingOnFileErrors {
            let table = try AnalysisTable(path: file)
            let (points, columns) = try measurements(table, area: areaValue, thickness: thicknessValue)
            do throws(AnalysisError) {
                let fit = try ArrheniusFit.fit(points)
                let breakpoint = points.count >= 7 ? try ArrheniusBreakpoint.detect(in: points, significance: significance) : nil
                let vtfFit = vtf ? try VTFFit.fit(points) : nil
                print(output.json ? json(fit, breakpoint, vtfFit, count: points.count).text
                                  : text(fit, breakpoint, vtfFit, breakTested: points.count >= 7))
            } catch {
                throw table.locate(error, columns: columns)
            }
        }
    }

    private func measurements(_ table: AnalysisTable, area: Double?, thickness: Double?) throws(AnalysisFileError)
        -> ([ConductivityMeasurement], [String: Int]) {
        guard let tColumn = table.columnIndex(named: ["temperature", "temp", "t"]) else {
            throw AnalysisFileError(path: file, line: table.headerLine, column: 1,
                                    message: "no temperature column; name one temperature_K or temperature_degC")
        }
        let temperatures = try table.values(tColumn, dimension: .temperature, example: "temperature_K or T (degC)")
        if let sColumn = table.columnIndex(named: ["conductivity", "sigma", "σ"]) {
            let sigma = try table.values(sColumn, dimension: .conductance / .length, example: "conductivity_mS/cm")
            return (zip(temperatures, sigma).map { ConductivityMeasurement(temperature: $0, conductivity: $1) },
                    ["temperature": tColumn, "conductivity": sColumn])
        }
        guard let rColumn = table.columnIndex(named: ["resistance", "r", "rbulk", "r_bulk"]) else {
            throw AnalysisFileError(path: file, line: table.headerLine, column: 1,
                                    message: "no conductivity or resistance column; name one conductivity_S/cm or resistance_Ohm")
        }
        guard let area, let thickness else {
            throw AnalysisFileError(path: file, line: table.headerLine, column: table.header[rColumn].column,
                                    message: "column \(table.header[rColumn].name) holds resistances: give --area and --thickness to turn them into conductivity")
        }
        let resistance = try table.values(rColumn, dimension: .resistance, example: "r_bulk_Ohm")
        return (zip(temperatures, resistance).map { ConductivityMeasurement(temperature: $0, resistance: $1, thickness: thickness, area: area) },
                ["temperature": tColumn, "conductivity": rColumn])
    }

    private func text(_ fit: ArrheniusFit, _ breakpoint: ArrheniusBreakpoint?, _ vtf: VTFFit?, breakTested: Bool) -> String {
        var lines = [
            "\(file): \(fit.count) points, \(lab(fit.temperatureRange.lowerBound, .temperature)) – \(lab(fit.temperatureRange.upperBound, .temperature))",
            "Arrhenius  Eₐ = \(fmt(fit.activationEnergy, 4)) ± \(fmt(fit.activationEnergyStandardError, 2)) eV  σ₀ = \(fmt(fit.prefactor / 100, 4)) S·K/cm  R² = \(fmt(fit.rSquared, 6))",
            "           σ(25 °C) = \(lab(fit.conductivity(at: 298.15), .conductivity, 4))",
        ]
        if let b = breakpoint {
            lines.append("Break at \(lab(b.transitionTemperature, .temperature)) (p = \(fmt(b.pValue, 2))): below Eₐ = \(fmt(b.low.activationEnergy, 4)) ± \(fmt(b.low.activationEnergyStandardError, 2)) eV, above Eₐ = \(fmt(b.high.activationEnergy, 4)) ± \(fmt(b.high.activationEnergyStandardError, 2)) eV")
        } else {
            lines.append(breakTested ? "No significant break (p > \(significance))" : "Break not tested: needs at least 7 temperatures")
        }
        if let v = vtf {
            lines.append("VTF  A = \(fmt(v.prefactor / 100, 4)) S·K^½/cm  B = \(fmt(v.pseudoActivation, 4)) ± \(fmt(v.pseudoActivationStandardError, 2)) K  T₀ = \(fmt(v.idealGlassTemperature, 4)) ± \(fmt(v.idealGlassTemperatureStandardError, 2)) K  R² = \(fmt(v.rSquared, 6))")
        }
        return lines.joined(separator: "\n")
    }

    private func json(_ fit: ArrheniusFit, _ breakpoint: ArrheniusBreakpoint?, _ vtf: VTFFit?, count: Int) -> JSONValue {
        func arrhenius(_ f: ArrheniusFit) -> JSONValue {
            .object([
                ("activation_energy_eV", .number(f.activationEnergy)),
                ("activation_energy_se_eV", .number(f.activationEnergyStandardError)),
                ("prefactor_S_K_per_cm", .number(f.prefactor / 100)),
                ("ln_prefactor_se", .number(f.logPrefactorStandardError)),
                ("r_squared", .number(f.rSquared)),
                ("points", .number(Double(f.count))),
                ("temperature_min_K", .number(f.temperatureRange.lowerBound)),
                ("temperature_max_K", .number(f.temperatureRange.upperBound)),
            ])
        }
        let breakValue: JSONValue = breakpoint.map { b in
            .object([("transition_temperature_K", .number(b.transitionTemperature)), ("p_value", .number(b.pValue)),
                     ("f_statistic", .number(b.fStatistic)), ("low", arrhenius(b.low)), ("high", arrhenius(b.high))])
        } ?? .null
        let vtfValue: JSONValue = vtf.map { v in
            .object([("prefactor_S_K05_per_cm", .number(v.prefactor / 100)), ("ln_prefactor_se", .number(v.logPrefactorStandardError)),
                     ("B_K", .number(v.pseudoActivation)), ("B_se_K", .number(v.pseudoActivationStandardError)),
                     ("T0_K", .number(v.idealGlassTemperature)), ("T0_se_K", .number(v.idealGlassTemperatureStandardError)),
                     ("r_squared", .number(v.rSquared))])
        } ?? .null
        return .object([("file", .string(file)), ("analysis", .string("arrhenius")), ("arrhenius", arrhenius(fit)),
                        ("break_tested", .bool(count >= 7)), ("breakpoint", breakValue), ("vtf", vtfValue)])
    }
}
