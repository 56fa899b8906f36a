import Electrochemistry
import Numerics

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

/// Assigns a circuit's resistances to bulk, grain boundary and interface by
/// the capacitance of the element in parallel with each (Irvine, Sinclair and
/// West; DOMAIN.md §1): bulk ~1e-12 F, grain boundary 1e-11–1e-8 F, surface
/// layers and electrode interfaces above. Capacitances are normalised to a
/// cell constant L/A of 1 cm⁻¹, as those ranges are. A resistor in series with
/// no parallel element is the bulk (the high-frequency intercept).
public enum ArcAssignment {
    /// F at L/A = 1 cm⁻¹: upper edge of bulk, and of grain boundaries.
    public static let bulkLimit = 1e-11
    public static let grainBoundaryLimit = 1e-8

    /// - Parameters:
    ///   - cellConstant: L/A in cm⁻¹ (thickness over area); 1 when unknown.
    public static func assign(_ circuit: Circuit, parameters: [Double], standardErrors: [Double]?,
                              cellConstant: Double) -> [AssignedResistance] {
        var out: [AssignedResistance] = []
        func error(_ offset: Int) -> Double? { standardErrors.flatMap { offset < $0.count ? $0[offset] : nil } }
        func visit(_ node: Circuit.Node, inSeries: Bool) {
            switch node {
            case .element(let e) where e.kind == .resistor && inSeries:
                out.append(AssignedResistance(element: e.name, part: .bulk, resistance: parameters[e.parameterOffset],
                                              standardError: error(e.parameterOffset), capacitance: nil))
            case .element:
                break
            case .series(let children):
                for child in children { visit(child, inSeries: true) }
            case .parallel(let children):
                let elements = children.compactMap { child -> Circuit.Element? in
                    if case .element(let e) = child { return e } else { return nil }
                }
                guard children.count == 2, elements.count == 2,
                      let r = elements.first(where: { $0.kind == .resistor }),
                      let c = elements.first(where: { $0.kind == .capacitor || $0.kind == .cpe }) else {
                    for child in children { visit(child, inSeries: false) }
                    return
                }
                let resistance = parameters[r.parameterOffset]
                let capacitance: Double
                if c.kind == .capacitor {
                    capacitance = parameters[c.parameterOffset]
                } else {
                    let q = parameters[c.parameterOffset], n = parameters[c.parameterOffset + 1]
                    capacitance = Double.pow(resistance * q, 1 / n) / resistance
                }
                let normalised = capacitance * cellConstant
                let part: ImpedancePart = normalised < bulkLimit ? .bulk : normalised < grainBoundaryLimit ? .grainBoundary : .interface
                out.append(AssignedResistance(element: r.name, part: part, resistance: resistance,
                                              standardError: error(r.parameterOffset), capacitance: capacitance))
            }
        }
        visit(circuit.root, inSeries: true)
        return out
    }
}
