import CyclerConfiguration
import Electrochemistry

extension ElectrochemistryAnalyses {
    /// The bulk resistance (high-frequency intercept) of every spectrum taken
    /// at a known stack pressure, its area-specific resistance when the cell's
    /// area is known, and on Li|SE|Li the interfaces' resistance: how contact
    /// and densification respond to pressure.
    func pressureSeries(_ request: AnalysisRequest) throws -> AnalysisResult {
        let measured = request.spectra.filter { $0.pressure.map { $0.isFinite } == true }
        guard !measured.isEmpty else {
            throw AnalysisError(.noSignal, "no spectrum carries a stack pressure; run set_pressure or wait_pressure before each eis",
                                field: "pressure")
        }
        var values: [AnalysisResult.Value] = []
        for spectrum in measured {
            guard let pressure = spectrum.pressure, let resistance = spectrum.bulkResistance else {
                throw AnalysisError(.noSignal, "the spectrum of step \(spectrum.step) does not resolve the bulk arc's high-frequency "
                                        + "intercept; measure to higher frequencies", field: "frequency")
            }
            let at = "at \(rounded(pressure / 1e6)) MPa"
            values.append(.init(name: "R_HF \(at)", value: resistance, unit: "Ω"))
            if let area = request.cell.area {
                values.append(.init(name: "ASR_HF \(at)", value: resistance * area, unit: "Ω m²"))
            }
            if request.cell.kind == .symmetricLithium {
                let interface = try InterfacialResistance(spectrum, geometry: Self.sampleGeometry(of: request.cell))
                values.append(.init(name: "R_interface \(at)", value: interface.resistance, unit: "Ω", standardError: interface.standardError))
            }
        }
        return AnalysisResult(kind: .pressureSeries, values: values,
                              note: "R_HF is the high-frequency intercept of each spectrum, in the order they were taken"
                                + (request.cell.kind == .symmetricLithium ? "; R_interface the interface arcs of an equivalent-circuit fit" : ""))
    }
}
