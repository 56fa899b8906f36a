import Electrochemistry

/// The production `AnalysisProvider`: each request goes to the
/// `Electrochemistry` analysis a lab would run on the same data.
///
/// - `arrhenius`: σ = L/(R·A) from each spectrum's high-frequency intercept
///   and the temperature it was taken at; Arrhenius and VTF fits, and a
///   phase-transition break when the series is long enough to test for one.
/// - `pressure_series`: the same intercept against stack pressure, and on
///   Li|SE|Li the interface arcs' resistance.
/// - `electronic`: σₑ from the last electronic polarisation, steady state detected.
/// - `transference`: Bruce–Vincent t₊ from the last transference polarisation,
///   with R₀ and R_s the interface arcs fitted to the spectra before and after the hold.
/// - `ccd`: the critical current density from the recorded ramp.
/// - `cycles`: one summary per finished protocol cycle.
/// - `gitt`: D/L² per GITT pulse by Weppner–Huggins, needing only the
///   particles' shape (the cell's `particle_shape`; planar when not given).
///
/// Make one provider per job: it remembers the discharge capacity of the
/// first cycle at each current, which later cycles' retention refers to.
public struct ElectrochemistryAnalyses: AnalysisProvider {
    let retentionReference = RetentionReference()

    public init() {}

    public func analyse(_ request: AnalysisRequest) async throws -> AnalysisResult? {
        switch request.kind {
        case .arrhenius: try arrhenius(request)
        case .pressureSeries: try pressureSeries(request)
        case .electronic: try electronicConductivity(request)
        case .transference: try transference(request)
        case .ccd: try criticalCurrentDensity(request)
        case .cycles: try cycleSummary(request)
        case .gitt: try gitt(request)
        }
    }

    /// The geometry that normalises arc capacitances, when the cell has it
    /// (without it the fitter assumes a 1 cm⁻¹ cell constant).
    static func sampleGeometry(of cell: CellContext) -> SampleGeometry? {
        guard let area = cell.area, let thickness = cell.thickness, area > 0, thickness > 0 else { return nil }
        return SampleGeometry(area: area, thickness: thickness)
    }

    /// The thickness and area σ needs, or an error saying what to add to the cell file.
    static func geometry(of cell: CellContext) throws(AnalysisError) -> (thickness: Double, area: Double) {
        guard let thickness = cell.thickness, thickness > 0 else {
            throw AnalysisError(.invalidParameter, "cell \(cell.name) has no electrolyte thickness; add electrolyte_thickness to its cell file",
                                field: "thickness")
        }
        guard let area = cell.area, area > 0 else {
            throw AnalysisError(.invalidParameter, "cell \(cell.name) has no area; add area to its cell file", field: "area")
        }
        return (thickness, area)
    }
}
