import Numerics

/// An equivalent circuit written in impedance.py's grammar, e.g.
/// `L0-R0-p(R1,CPE1)-p(R2,CPE2)-Wo1`.
///
/// A `Circuit` is immutable and cheap to evaluate: parsing compiles the tree
/// into a flat postfix program, so a fitter can call `impedance` millions of
/// times without walking an enum tree.
public struct Circuit: Sendable, Hashable, CustomStringConvertible {
    /// The parsed tree.
    public let root: Node
    /// Elements in the order they appear in the text; parameters follow this order.
    public let elements: [Element]
    /// The postfix program `impedance(omega:parameters:)` runs.
    let program: [Instruction]

    /// A node of the circuit tree.
    public indirect enum Node: Sendable, Hashable {
        case element(Element)
        case series([Node])
        case parallel([Node])
    }

    /// One named element, e.g. `CPE1`.
    public struct Element: Sendable, Hashable {
        public var name: String
        public var kind: ElementKind
        /// Index of the element's first parameter in the circuit's parameter vector.
        public var parameterOffset: Int
    }

    enum Instruction: Sendable, Hashable {
        case element(ElementKind, parameterOffset: Int)
        case series(count: Int)
        case parallel(count: Int)
    }

    /// Parses `text`.
    ///
    /// - Throws: `CircuitParseError` naming the 1-based column of the problem.
    public init(_ text: String) throws(CircuitParseError) {
        var parser = CircuitParser(text: text)
        let root = try parser.parseCircuit()
        self.init(root: root)
    }

    /// Builds a circuit from a tree whose element offsets are already assigned.
    init(root: Node) {
        self.root = root
        var elements: [Element] = []
        var program: [Instruction] = []
        Self.compile(root, into: &program, elements: &elements)
        self.elements = elements
        self.program = program
    }

    private static func compile(_ node: Node, into program: inout [Instruction], elements: inout [Element]) {
        switch node {
        case .element(let e):
            elements.append(e)
            program.append(.element(e.kind, parameterOffset: e.parameterOffset))
        case .series(let children):
            for child in children { compile(child, into: &program, elements: &elements) }
            program.append(.series(count: children.count))
        case .parallel(let children):
            for child in children { compile(child, into: &program, elements: &elements) }
            program.append(.parallel(count: children.count))
        }
    }

    /// Total number of parameters.
    public var parameterCount: Int {
        elements.last.map { $0.parameterOffset + $0.kind.parameterCount } ?? 0
    }

    /// Parameter names as impedance.py prints them: `R0`, `CPE1_0`, `CPE1_1`, `Wo1_0`, ….
    public var parameterNames: [String] {
        elements.flatMap { e in
            e.kind.parameterCount == 1 ? [e.name] : (0..<e.kind.parameterCount).map { "\(e.name)_\($0)" }
        }
    }

    /// What each parameter is, in parameter-vector order.
    public var parameterInfo: [ParameterInfo] {
        elements.flatMap(\.kind.parameters)
    }

    /// The canonical text: no spaces, impedance.py syntax. Parsing it gives back
    /// an equal circuit.
    public var description: String { Self.text(of: root) }

    private static func text(of node: Node) -> String {
        switch node {
        case .element(let e): e.name
        case .series(let children): children.map(text(of:)).joined(separator: "-")
        case .parallel(let children): "p(" + children.map(text(of:)).joined(separator: ",") + ")"
        }
    }

    /// Impedance at angular frequency `omega` (rad/s).
    ///
    /// - Parameter parameters: one value per `parameterNames` entry.
    public func impedance(omega: Double, parameters: [Double]) -> Complex<Double> {
        precondition(parameters.count == parameterCount,
                     "circuit \(description) takes \(parameterCount) parameters, got \(parameters.count)")
        // Circuits are small; a fixed stack avoids allocation on the hot path.
        return withUnsafeTemporaryAllocation(of: Complex<Double>.self, capacity: program.count) { stack in
            var top = 0
            let p = parameters[...]
            for instruction in program {
                switch instruction {
                case .element(let kind, let offset):
                    stack[top] = kind.impedance(omega: omega, p[offset..<(offset + kind.parameterCount)])
                    top += 1
                case .series(let count):
                    var sum = Complex<Double>.zero
                    for k in (top - count)..<top { sum += stack[k] }
                    top -= count
                    stack[top] = sum
                    top += 1
                case .parallel(let count):
                    var admittance = Complex<Double>.zero
                    for k in (top - count)..<top { admittance += Complex(1) / stack[k] }
                    top -= count
                    stack[top] = Complex(1) / admittance
                    top += 1
                }
            }
            return stack[0]
        }
    }

    /// Impedance at frequency `hertz`.
    public func impedance(frequency hertz: Double, parameters: [Double]) -> Complex<Double> {
        impedance(omega: 2 * Double.pi * hertz, parameters: parameters)
    }

    /// Impedance at every frequency in `frequencies` (Hz).
    public func spectrum(frequencies: [Double], parameters: [Double]) -> [Complex<Double>] {
        frequencies.map { impedance(frequency: $0, parameters: parameters) }
    }
}
