import Numerics
import Foundation

/// The kinds of circuit element the impedance.py grammar knows, plus the
/// transmission-line model of a composite electrode.
///
/// The letters of an element's name choose its kind (`CPE1` is a `.cpe`), and
/// the parameters keep impedance.py's order so that fitted values read the same
/// in both tools.
public enum ElementKind: String, CaseIterable, Sendable, Hashable {
    /// Resistor, `Z = R`.
    case resistor = "R"
    /// Capacitor, `Z = 1/(jωC)`.
    case capacitor = "C"
    /// Inductor, `Z = jωL`.
    case inductor = "L"
    /// Constant-phase element, `Z = 1/(Q (jω)^n)`.
    case cpe = "CPE"
    /// Semi-infinite Warburg, `Z = A_W (1 − j)/√ω` (impedance.py's form).
    case warburg = "W"
    /// Finite-length Warburg with a reflecting (open) end,
    /// `Z = Z₀ coth(√(jωτ))/√(jωτ)`.
    case warburgOpen = "Wo"
    /// Finite-length Warburg with a transmissive (short) end,
    /// `Z = Z₀ tanh(√(jωτ))/√(jωτ)`.
    case warburgShort = "Ws"
    /// Transmission line of a composite electrode with an ideal double layer
    /// (Falco et al. 2019, Eq. 8 without its series bulk resistance),
    /// `Z = √(R_ion/(jωC_dl)) · coth √(R_ion·jωC_dl)`.
    case transmissionLine = "TLM"
    /// The same line with a CPE double layer (impedance.py's `TLMQ`),
    /// `Z = √(R_ion/Y) · coth √(R_ion·Y)` with `Y = Q (jω)^γ`.
    case transmissionLineCPE = "TLMQ"

    /// The parameter names' meanings and SI units, in impedance.py order.
    public var parameters: [ParameterInfo] {
        switch self {
        case .resistor: [.init(symbol: "R", unit: "Ohm", role: .resistance)]
        case .capacitor: [.init(symbol: "C", unit: "F", role: .capacitance)]
        case .inductor: [.init(symbol: "L", unit: "H", role: .inductance)]
        case .cpe: [.init(symbol: "Q", unit: "F s^(n-1)", role: .cpeMagnitude),
                    .init(symbol: "n", unit: "", role: .exponent)]
        case .warburg: [.init(symbol: "A_W", unit: "Ohm s^-1/2", role: .warburgCoefficient)]
        case .warburgOpen, .warburgShort:
            [.init(symbol: "Z0", unit: "Ohm", role: .resistance),
             .init(symbol: "tau", unit: "s", role: .timeConstant)]
        case .transmissionLine:
            [.init(symbol: "R_ion", unit: "Ohm", role: .resistance),
             .init(symbol: "C_dl", unit: "F", role: .capacitance)]
        case .transmissionLineCPE:
            [.init(symbol: "R_ion", unit: "Ohm", role: .resistance),
             .init(symbol: "Q", unit: "F s^(n-1)", role: .cpeMagnitude),
             .init(symbol: "gamma", unit: "", role: .exponent)]
        }
    }

    /// Number of parameters this element takes.
    public var parameterCount: Int { parameters.count }

    /// The element's impedance at angular frequency `omega` (rad/s).
    ///
    /// - Parameters:
    ///   - omega: angular frequency, must be > 0.
    ///   - p: the element's parameters in impedance.py order.
    @inlinable
    public func impedance(omega: Double, _ p: ArraySlice<Double>) -> Complex<Double> {
        let i = p.startIndex
        switch self {
        case .resistor:
            return Complex(p[i])
        case .capacitor:
            return Complex(0, -1 / (omega * p[i]))
        case .inductor:
            return Complex(0, omega * p[i])
        case .cpe:
            return Complex(1) / (Complex(p[i]) * Self.jOmegaPower(omega, p[i + 1]))
        case .warburg:
            let a = p[i] / omega.squareRoot()
            return Complex(a, -a)
        case .warburgOpen:
            let s = Complex(0, omega * p[i + 1]).squareRoot
            return Complex(p[i]) * Self.coth(s) / s
        case .warburgShort:
            let s = Complex(0, omega * p[i + 1]).squareRoot
            return Complex(p[i]) * Self.tanh(s) / s
        case .transmissionLine:
            let y = Complex(0, omega * p[i + 1])
            return Self.transmissionLine(rIon: p[i], admittance: y)
        case .transmissionLineCPE:
            let y = Complex(p[i + 1]) * Self.jOmegaPower(omega, p[i + 2])
            return Self.transmissionLine(rIon: p[i], admittance: y)
        }
    }

    /// `(jω)^n`, written in polar form so it is exact for any `n`.
    @inlinable
    static func jOmegaPower(_ omega: Double, _ n: Double) -> Complex<Double> {
        Complex(length: Double.pow(omega, n), phase: n * Double.pi / 2)
    }

    @inlinable
    static func transmissionLine(rIon: Double, admittance y: Complex<Double>) -> Complex<Double> {
        let root = (Complex(rIon) * y).squareRoot
        return (Complex(rIon) / y).squareRoot * coth(root)
    }

    /// tanh that stays finite for large arguments (the finite Warburg at high
    /// frequency has |z| in the thousands) and keeps full precision near 0,
    /// where `e^{2z} − 1` would cancel and spoil the low-frequency limits.
    @inlinable
    static func tanh(_ z: Complex<Double>) -> Complex<Double> {
        if abs(z.real) > 20 { return Complex(z.real > 0 ? 1 : -1) }
        let e = Complex.expMinusOne(Complex(2) * z)
        return e / (e + 2)
    }

    @inlinable
    static func coth(_ z: Complex<Double>) -> Complex<Double> {
        if abs(z.real) > 20 { return Complex(z.real > 0 ? 1 : -1) }
        let e = Complex.expMinusOne(Complex(2) * z)
        return (e + 2) / e
    }
}

extension Complex where RealType == Double {
    /// Principal square root (swift-numerics spells it as a static function).
    @inlinable
    var squareRoot: Complex<Double> { Complex.sqrt(self) }
}

/// What one element parameter means, so fitters can choose bounds and
/// initial guesses without knowing element kinds.
public struct ParameterInfo: Sendable, Hashable {
    /// The conventional symbol (`R`, `Q`, `n`, `Z0`, `tau`, …).
    public var symbol: String
    /// The SI unit as text.
    public var unit: String
    /// What kind of quantity this is.
    public var role: Role

    /// Parameter roles; each implies a natural range.
    public enum Role: Sendable, Hashable {
        case resistance, capacitance, inductance, cpeMagnitude, exponent
        case warburgCoefficient, timeConstant
    }
}
