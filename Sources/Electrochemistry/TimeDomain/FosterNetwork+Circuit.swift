import Numerics
import Foundation

extension FosterNetwork {
    /// The Foster form of `circuit`, faithful over `band`.
    ///
    /// Exact where the algebra allows: R, L, C, p(R,C), p(R,CPE) (the analytic
    /// ZARC ladder) and the finite Warburgs. Anything else (a lone CPE, the
    /// semi-infinite Warburg, transmission lines, other parallel groups) gets a
    /// ladder fitted by non-negative least squares to its analytic impedance;
    /// the fit is checked and throws if its error inside the band exceeds
    /// `tolerance` (relative, in |Z|).
    ///
    /// - Throws: `TimeDomainError` for inductors inside parallel groups, or a
    ///   fitted ladder that misses `tolerance`.
    public init(circuit: Circuit, parameters: [Double], band: FrequencyBand,
                tolerance: Double = 2e-3) throws(TimeDomainError) {
        precondition(parameters.count == circuit.parameterCount)
        self = try Self.expand(circuit.root, parameters, band, tolerance)
    }

    private static func expand(_ node: Circuit.Node, _ p: [Double], _ band: FrequencyBand,
                               _ tolerance: Double) throws(TimeDomainError) -> FosterNetwork {
        switch node {
        case .series(let children):
            var sum = FosterNetwork()
            for child in children { sum = sum + (try expand(child, p, band, tolerance)) }
            return sum
        case .element(let e):
            let o = e.parameterOffset
            switch e.kind {
            case .resistor: return FosterNetwork(seriesResistance: p[o])
            case .inductor: return FosterNetwork(inductance: p[o])
            case .capacitor: return FosterNetwork(elastance: 1 / p[o])
            case .warburgOpen: return .warburgOpen(z0: p[o], tau: p[o + 1], fastestTime: band.fastestTime / 100)
            case .warburgShort: return .warburgShort(z0: p[o], tau: p[o + 1], fastestTime: band.fastestTime / 100)
            case .cpe, .warburg, .transmissionLine, .transmissionLineCPE:
                return try fitted(node, p, band, tolerance)
            }
        case .parallel(let children):
            if children.count == 2, case .element(let a) = children[0], case .element(let b) = children[1] {
                let (r, other) = a.kind == .resistor ? (a, b) : (b, a)
                if r.kind == .resistor, other.kind == .capacitor {
                    return .parallelRC(resistance: p[r.parameterOffset], capacitance: p[other.parameterOffset])
                }
                if r.kind == .resistor, other.kind == .cpe {
                    return .zarc(resistance: p[r.parameterOffset], q: p[other.parameterOffset],
                                 n: p[other.parameterOffset + 1], fastestTime: band.fastestTime / 100)
                }
            }
            return try fitted(node, p, band, tolerance)
        }
    }

    /// Fits R∞ + S/s + Σ R_k/(1+sτ_k) on a fixed log grid of τ to the node's
    /// impedance, two decades beyond the band on each side.
    private static func fitted(_ node: Circuit.Node, _ p: [Double], _ band: FrequencyBand,
                               _ tolerance: Double) throws(TimeDomainError) -> FosterNetwork {
        let circuit = Circuit(root: node)
        if node.containsInductor {
            throw TimeDomainError(code: .inductorInParallel, subcircuit: circuit.description,
                                  message: "an inductor inside a parallel group has no RC (Foster) form; move it in series")
        }
        let z: (Double) -> Complex<Double> = { node.impedance(omega: $0, parameters: p) }
        let wLow = 2 * Double.pi * band.lowest / 100
        let wHigh = 2 * Double.pi * band.highest * 100
        let omegas = logGrid(from: wLow, to: wHigh, perDecade: 20)
        let taus = logGrid(from: 1 / (wHigh * 10), to: 10 / wLow, perDecade: 10)
        let columns = 2 + taus.count
        var a = Matrix(rows: 2 * omegas.count, columns: columns)
        var b = Array(repeating: 0.0, count: 2 * omegas.count)
        for (i, w) in omegas.enumerated() {
            let target = z(w)
            let weight = 1 / target.length
            b[2 * i] = target.real * weight
            b[2 * i + 1] = target.imaginary * weight
            a[2 * i, 0] = weight                      // R∞
            a[2 * i + 1, 1] = -weight / w              // elastance S/(jω)
            for (k, t) in taus.enumerated() {
                let d = 1 + w * w * t * t
                a[2 * i, 2 + k] = weight / d
                a[2 * i + 1, 2 + k] = -weight * w * t / d
            }
        }
        // Unit-norm columns keep the active-set solver's tolerances meaningful.
        var scale = Array(repeating: 1.0, count: columns)
        for c in 0..<columns {
            var s = 0.0
            for r in 0..<a.rows { s += a[r, c] * a[r, c] }
            scale[c] = s > 0 ? 1 / s.squareRoot() : 1
            for r in 0..<a.rows { a[r, c] *= scale[c] }
        }
        let x = NonNegativeLeastSquares.solve(a, b).x
        var network = FosterNetwork(seriesResistance: x[0] * scale[0], elastance: x[1] * scale[1])
        for (k, t) in taus.enumerated() where x[2 + k] > 0 {
            network.branches.append(Branch(resistance: x[2 + k] * scale[2 + k], timeConstant: t))
        }
        let error = network.maximumRelativeError(against: z, band: band)
        guard error <= tolerance else {
            throw TimeDomainError(code: .ladderInaccurate, subcircuit: circuit.description,
                                  message: "the fitted ladder is off by \(error * 100) % inside the band (allowed \(tolerance * 100) %)")
        }
        return network
    }

    /// Largest `|Z_ladder − Z|/|Z|` over the band, 20 points per decade.
    public func maximumRelativeError(against z: (Double) -> Complex<Double>, band: FrequencyBand) -> Double {
        Self.logGrid(from: 2 * Double.pi * band.lowest, to: 2 * Double.pi * band.highest, perDecade: 20)
            .map { w in (impedance(omega: w) - z(w)).length / z(w).length }
            .max() ?? 0
    }

    static func logGrid(from low: Double, to high: Double, perDecade: Double) -> [Double] {
        let decades = Double.log10(high / low)
        let count = max(2, Int((decades * perDecade).rounded(.up)) + 1)
        return (0..<count).map { low * Double.pow(10, decades * Double($0) / Double(count - 1)) }
    }
}

extension Circuit.Node {
    /// Impedance of this subtree, reading parameters at the elements' offsets.
    func impedance(omega: Double, parameters p: [Double]) -> Complex<Double> {
        switch self {
        case .element(let e):
            return e.kind.impedance(omega: omega, p[e.parameterOffset..<(e.parameterOffset + e.kind.parameterCount)])
        case .series(let children):
            return children.reduce(Complex<Double>.zero) { $0 + $1.impedance(omega: omega, parameters: p) }
        case .parallel(let children):
            let y = children.reduce(Complex<Double>.zero) { $0 + Complex(1) / $1.impedance(omega: omega, parameters: p) }
            return Complex(1) / y
        }
    }

    var containsInductor: Bool {
        switch self {
        case .element(let e): e.kind == .inductor
        case .series(let c), .parallel(let c): c.contains { $0.containsInductor }
        }
    }
}
