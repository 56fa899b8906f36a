import Electrochemistry
import Numerics

extension ElectrochemistryAnalyses {
    /// Eₐ from the job's spectra: σ = L/(R_bulk·A) at each spectrum's
    /// temperature, R_bulk the high-frequency intercept. A spectrum whose
    /// first arc peaks just above its highest frequency (a warm oxide's grain
    /// boundaries at 1 MHz) measures no intercept (`bulkResistance`); it is
    /// left out, and the note says at which temperature.
    ///
    /// A VTF fit (polymers, glasses) is added when there are four points at
    /// three temperatures or more, and a phase-transition search when there
    /// are enough points for each side to have its own Eₐ with an error
    /// (seven); a series too short for either says so in the note.
    func arrhenius(_ request: AnalysisRequest) throws -> AnalysisResult {
        let (thickness, area) = try Self.geometry(of: request.cell)
        let measured = request.spectra.filter { $0.temperature != nil }
        guard measured.count >= 2 else {
            throw AnalysisError(.tooFewPoints, "\(measured.count) spectra carry a temperature; an Arrhenius fit needs at least two",
                                field: "temperature")
        }
        var points: [ConductivityMeasurement] = []
        var unresolved: [Double] = []
        for spectrum in measured {
            guard let temperature = spectrum.temperature else { continue }
            guard let resistance = spectrum.bulkResistance else {
                unresolved.append(temperature)
                continue
            }
            points.append(ConductivityMeasurement(temperature: temperature, resistance: resistance, thickness: thickness, area: area))
        }
        guard Set(points.map(\.temperature)).count >= 2 else {
            throw AnalysisError(.noSignal, "\(points.count) spectra resolve the bulk arc's high-frequency intercept; "
                                    + "an Arrhenius fit needs two temperatures (measure to higher frequencies)", field: "frequency")
        }
        let fit = try ArrheniusFit.fit(points)
        var values = [
            AnalysisResult.Value(name: "Ea", value: fit.activationEnergy, unit: "eV", standardError: fit.activationEnergyStandardError),
            AnalysisResult.Value(name: "ln(A / (S K/m))", value: Double.log(fit.prefactor), unit: "1",
                                 standardError: fit.logPrefactorStandardError),
            AnalysisResult.Value(name: "R²", value: fit.rSquared, unit: "1"),
        ]
        values += points.map { AnalysisResult.Value(name: "σ at \(celsius($0.temperature))", value: $0.conductivity, unit: "S/m") }
        var notes = ["σ = L/(R·A) with R the high-frequency intercept of each spectrum"]
        if !unresolved.isEmpty {
            notes.append("left out at " + unresolved.map(celsius).joined(separator: ", ")
                + ": an arc peaks just above the highest frequency, so no intercept is measured")
        }
        if points.count >= 4 {
            do {
                let vtf = try VTFFit.fit(points)
                values += [
                    .init(name: "VTF B", value: vtf.pseudoActivationEnergy, unit: "eV",
                          standardError: vtf.pseudoActivationStandardError * ArrheniusFit.boltzmannConstant),
                    .init(name: "VTF T0", value: vtf.idealGlassTemperature, unit: "K", standardError: vtf.idealGlassTemperatureStandardError),
                ]
            } catch {
                notes.append("no VTF fit: \(error)")
            }
        }
        if points.count >= 7 {
            if let split = try ArrheniusBreakpoint.detect(in: points) {
                values += [
                    .init(name: "transition temperature", value: split.transitionTemperature, unit: "K"),
                    .init(name: "Ea below transition", value: split.low.activationEnergy, unit: "eV",
                          standardError: split.low.activationEnergyStandardError),
                    .init(name: "Ea above transition", value: split.high.activationEnergy, unit: "eV",
                          standardError: split.high.activationEnergyStandardError),
                    .init(name: "transition p-value", value: split.pValue, unit: "1"),
                ]
            } else {
                notes.append("no significant phase transition")
            }
        } else {
            notes.append("\(points.count) points: a phase-transition search needs at least 7")
        }
        return AnalysisResult(kind: .arrhenius, values: values, note: notes.joined(separator: "; "))
    }
}

/// A temperature, pressure or size for value names and notes, to `places` decimals.
func rounded(_ value: Double, places: Int = 1) -> String {
    let scale = Double.pow(10, Double(places))
    return String((value * scale).rounded() / scale)
}

/// A temperature (K) for value names and notes, as a lab gives it: `25.0 °C`.
func celsius(_ kelvin: Double) -> String {
    "\(rounded(kelvin - 273.15)) °C"
}
