import Numerics

/// The range a fitted parameter may take, enforced by fitting a transformed
/// variable rather than by clipping.
///
/// Levenberg–Marquardt is unconstrained; mapping an unbounded variable `u`
/// onto the allowed range keeps every trial point physical (a negative
/// resistance or a CPE exponent of 1.3 never reaches the circuit), and
/// fitting log-values lets one step move a resistance by decades when the
/// start is far off. This is what impedance.py #145 lacks for nested arcs.
public struct ParameterBounds: Sendable, Hashable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double

    /// - Precondition: `lower < upper`.
    public init(_ lower: Double, _ upper: Double) {
        precondition(lower < upper, "empty bounds \(lower)...\(upper)")
        self.lower = lower
        self.upper = upper
    }

    /// Strictly positive, unbounded above: resistances, capacitances, Q, τ, L, A_W.
    public static let positive = ParameterBounds(0, .infinity)
    /// A CPE or transmission-line exponent, (0, 1].
    public static let exponent = ParameterBounds(0, 1)

    /// The default for a parameter of this role.
    public static func `default`(for role: ParameterInfo.Role) -> ParameterBounds {
        role == .exponent ? .exponent : .positive
    }

    public var description: String { "\(lower)...\(upper)" }

    /// How the fitted variable maps onto the range.
    private enum Shape {
        /// (0, ∞): p = e^u.
        case positive
        /// [a, ∞): p = a + e^u.
        case above
        /// (−∞, b]: p = b − e^u.
        case below
        /// (−∞, ∞): p = u.
        case free
        /// [a, b] with a > 0: a logistic in log p, so decades move alike.
        case logLogistic
        /// [a, b]: a logistic in p.
        case logistic
    }

    private var shape: Shape {
        switch (lower.isFinite, upper.isFinite) {
        case (true, false): lower == 0 ? .positive : .above
        case (false, true): .below
        case (false, false): .free
        case (true, true): lower > 0 ? .logLogistic : .logistic
        }
    }

    /// The value for the fitted variable `u`, and `dp/du`.
    func value(_ u: Double) -> (p: Double, slope: Double) {
        switch shape {
        case .positive:
            let p = Double.exp(u)
            return (p, p)
        case .above:
            let e = Double.exp(u)
            return (lower + e, e)
        case .below:
            let e = Double.exp(u)
            return (upper - e, -e)
        case .free:
            return (u, 1)
        case .logLogistic:
            let s = 1 / (1 + Double.exp(-u))
            let a = Double.log(lower), b = Double.log(upper)
            let p = Double.exp(a + (b - a) * s)
            return (p, p * (b - a) * s * (1 - s))
        case .logistic:
            let s = 1 / (1 + Double.exp(-u))
            return (lower + (upper - lower) * s, (upper - lower) * s * (1 - s))
        }
    }

    /// The fitted variable for the value `p`, nudged inside the range so the
    /// transform stays invertible at its ends.
    func variable(_ p: Double) -> Double {
        let tiny = Double.leastNormalMagnitude
        switch shape {
        case .positive: return Double.log(max(p, tiny))
        case .above: return Double.log(max(p - lower, tiny))
        case .below: return Double.log(max(upper - p, tiny))
        case .free: return p
        case .logLogistic:
            let a = Double.log(lower), b = Double.log(upper)
            return Self.logit((Double.log(max(p, lower)) - a) / (b - a))
        case .logistic:
            return Self.logit((p - lower) / (upper - lower))
        }
    }

    private static func logit(_ s: Double) -> Double {
        let inside = min(max(s, 1e-9), 1 - 1e-9)
        return Double.log(inside / (1 - inside))
    }

    /// Whether the fitted variable `u` puts the value on a finite bound:
    /// within a millionth of the range (or of the bound) of it, where the
    /// transform is flat and the fit can no longer move the parameter. An
    /// open end (a resistance's zero) is never reached, so it is never "on".
    func isOnBound(_ u: Double) -> Bool {
        switch shape {
        case .positive, .free: return false
        case .above, .below:
            let bound = shape == .above ? lower : upper
            return Double.exp(u) <= 1e-6 * max(abs(bound), .leastNormalMagnitude)
        case .logLogistic, .logistic:
            let s = 1 / (1 + Double.exp(-u))
            return min(s, 1 - s) <= 1e-6
        }
    }

    /// Whether `p` lies in the range.
    public func contains(_ p: Double) -> Bool {
        // A zero lower bound is open: log and logistic transforms never reach it.
        p <= upper && (lower == 0 ? p > 0 : p >= lower)
    }
}
