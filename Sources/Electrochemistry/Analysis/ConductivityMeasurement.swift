/// One conductivity reading at one temperature: the input of Arrhenius and VTF fits.
public struct ConductivityMeasurement: Sendable, Hashable {
    /// Kelvin.
    public var temperature: Double
    /// S/m.
    public var conductivity: Double

    public init(temperature: Double, conductivity: Double) {
        self.temperature = temperature
        self.conductivity = conductivity
    }

    /// σ = L/(R·A) from a resistance (Ω), thickness (m) and area (m²).
    public init(temperature: Double, resistance: Double, thickness: Double, area: Double) {
        self.init(temperature: temperature, conductivity: thickness / (resistance * area))
    }
}

extension Array where Element == ConductivityMeasurement {
    /// Checks every temperature and conductivity is finite and positive.
    func validateMeasurements(minimumCount: Int, model: String) throws(AnalysisError) {
        guard count >= minimumCount else {
            throw AnalysisError(.tooFewPoints, "\(model) needs at least \(minimumCount) temperatures; got \(count)")
        }
        for (k, m) in enumerated() {
            for (field, value, unit) in [("temperature", m.temperature, "K"), ("conductivity", m.conductivity, "S/m")] {
                guard value.isFinite else {
                    throw AnalysisError(.notFinite, "point \(k + 1): \(field) is \(value); give a finite number", index: k, field: field)
                }
                guard value > 0 else {
                    throw AnalysisError(.notPositive, "point \(k + 1): \(field) \(value) \(unit) must be positive", index: k, field: field)
                }
            }
        }
    }
}
