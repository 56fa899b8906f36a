import Numerics

/// The common building blocks of an equivalent circuit, found in its
/// top-level series chain: series resistances and inductances, arcs
/// `p(R,C)` / `p(R,CPE)`, diffusion elements and blocking capacitances.
///
/// Initial guesses and arc assignment need to know which parameter is "the
/// resistance of the second arc" without knowing the circuit's text; anything
/// outside these shapes lands in `others` and is guessed from its role alone.
public struct CircuitAnatomy: Sendable, Hashable {
    /// A resistor in parallel with a capacitor or CPE.
    public struct Arc: Sendable, Hashable {
        /// The resistor and the capacitive element.
        public var resistor: Circuit.Element
        public var capacitive: Circuit.Element
        /// Parameter indices: R, then C or Q, then n (nil for a capacitor).
        public var resistanceIndex: Int { resistor.parameterOffset }
        public var capacitanceIndex: Int { capacitive.parameterOffset }
        public var exponentIndex: Int? { capacitive.kind == .cpe ? capacitive.parameterOffset + 1 : nil }

        /// The arc's time constant: R·C, or (R·Q)^(1/n) for a CPE (s).
        public func timeConstant(_ parameters: [Double]) -> Double {
            let r = parameters[resistanceIndex]
            guard let exponentIndex else { return r * parameters[capacitanceIndex] }
            return Double.pow(r * parameters[capacitanceIndex], 1 / parameters[exponentIndex])
        }

        /// C for a capacitor; (R·Q)^(1/n)/R for a CPE (Brug/Hsu–Mansfeld) (F).
        public func effectiveCapacitance(_ parameters: [Double]) -> Double {
            timeConstant(parameters) / parameters[resistanceIndex]
        }
    }

    public var seriesResistors: [Circuit.Element] = []
    public var seriesInductors: [Circuit.Element] = []
    public var arcs: [Arc] = []
    /// W, Wo and Ws in series.
    public var diffusion: [Circuit.Element] = []
    /// Capacitors and CPEs in series (blocking electrodes).
    public var blocking: [Circuit.Element] = []
    /// Every other element.
    public var others: [Circuit.Element] = []

    public init(_ circuit: Circuit) {
        let chain: [Circuit.Node]
        if case .series(let children) = circuit.root { chain = children } else { chain = [circuit.root] }
        for node in chain {
            switch node {
            case .element(let e):
                switch e.kind {
                case .resistor: seriesResistors.append(e)
                case .inductor: seriesInductors.append(e)
                case .warburg, .warburgOpen, .warburgShort: diffusion.append(e)
                case .capacitor, .cpe: blocking.append(e)
                case .transmissionLine, .transmissionLineCPE: others.append(e)
                }
            case .parallel(let branches):
                if let arc = Self.arc(branches) {
                    arcs.append(arc)
                } else {
                    others += Self.elements(node)
                }
            case .series:
                others += Self.elements(node)
            }
        }
    }

    private static func arc(_ branches: [Circuit.Node]) -> Arc? {
        guard branches.count == 2, case .element(let a) = branches[0], case .element(let b) = branches[1] else { return nil }
        let capacitive: Set<ElementKind> = [.capacitor, .cpe]
        if a.kind == .resistor, capacitive.contains(b.kind) { return Arc(resistor: a, capacitive: b) }
        if b.kind == .resistor, capacitive.contains(a.kind) { return Arc(resistor: b, capacitive: a) }
        return nil
    }

    private static func elements(_ node: Circuit.Node) -> [Circuit.Element] {
        switch node {
        case .element(let e): [e]
        case .series(let children), .parallel(let children): children.flatMap(elements)
        }
    }
}
