import Electrochemistry

/// Which process a circuit's resistance belongs to.
public enum ImpedancePart: String, Sendable, Hashable, CaseIterable {
    case bulk
    case grainBoundary = "grain-boundary"
    case interface
}

/// One resistance of a fitted circuit, assigned to a part by its capacitance.
public struct AssignedResistance: Sendable, Hashable {
    public var element: String
    public var part: ImpedancePart
    /// Ω, and its standard error when the fitter gave one.
    public var resistance: Double
    public var standardError: Double?
    /// F: the arc's effective capacitance, (R·Q)^(1/n)/R for a CPE; nil for a bare resistor.
    public var capacitance: Double?
    /// s: R·C, nil for a bare resistor.
    public var timeConstant: Double? { capacitance.map { $0 * resistance } }
}

/// Assigns a fitted circuit's resistances to bulk, grain boundary and
/// interface by the effective capacitance of each arc (`ArcOrigin`, DOMAIN.md
/// §1): surface layers, electrode interfaces and reactions all count as
/// interface. A resistor in series is the bulk (the high-frequency intercept).
public enum ArcAssignment {
    /// - Parameters:
    ///   - cellConstant: L/A in cm⁻¹ (thickness over area); 1 when unknown.
    public static func assign(_ circuit: Circuit, parameters: [Double], standardErrors: [Double]?,
                              cellConstant: Double) -> [AssignedResistance] {
        func error(_ index: Int) -> Double? { standardErrors.flatMap { index < $0.count ? $0[index] : nil } }
        let anatomy = CircuitAnatomy(circuit)
        let series = anatomy.seriesResistors.map { r in
            AssignedResistance(element: r.name, part: .bulk, resistance: parameters[r.parameterOffset],
                               standardError: error(r.parameterOffset), capacitance: nil)
        }
        let arcs = anatomy.arcs.map { arc in
            let capacitance = arc.effectiveCapacitance(parameters)
            return AssignedResistance(
                element: arc.resistor.name, part: ImpedancePart(ArcOrigin(normalizedCapacitance: capacitance * cellConstant)),
                resistance: parameters[arc.resistanceIndex], standardError: error(arc.resistanceIndex), capacitance: capacitance)
        }
        return series + arcs
    }
}

extension ImpedancePart {
    /// The live model tracks three parts; every origin beyond the grain
    /// boundary is an interface it watches for growth.
    init(_ origin: ArcOrigin) {
        switch origin {
        case .bulk: self = .bulk
        case .grainBoundary: self = .grainBoundary
        case .surfaceLayer, .electrodeInterface, .reaction: self = .interface
        }
    }
}
