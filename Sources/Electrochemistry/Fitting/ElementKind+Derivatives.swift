import Numerics

extension ElementKind {
    /// The element's impedance and its derivative with respect to each of its
    /// parameters, written to `derivatives[0..<parameterCount]`.
    ///
    /// The fitter calls this once per frequency and iteration; closed forms
    /// cost about one impedance evaluation, where differences would cost
    /// `parameterCount` more and lose half the digits.
    func impedanceAndDerivatives(omega: Double, _ p: ArraySlice<Double>,
                                 _ derivatives: UnsafeMutablePointer<Complex<Double>>) -> Complex<Double> {
        let i = p.startIndex
        switch self {
        case .resistor:
            derivatives[0] = Complex(1)
            return Complex(p[i])
        case .capacitor:
            let z = Complex(0, -1 / (omega * p[i]))
            derivatives[0] = -z / Complex(p[i])
            return z
        case .inductor:
            derivatives[0] = Complex(0, omega)
            return Complex(0, omega * p[i])
        case .cpe:
            // Z = (jω)^-n / Q: ∂Z/∂Q = −Z/Q, ∂Z/∂n = −Z·ln(jω) = −Z·(ln ω + jπ/2).
            let q = p[i], n = p[i + 1]
            let z = Complex(length: Double.pow(omega, -n) / q, phase: -n * Double.pi / 2)
            derivatives[0] = z * Complex(-1 / q)
            derivatives[1] = -z * Complex(Double.log(omega), Double.pi / 2)
            return z
        case .warburg:
            let a = 1 / omega.squareRoot()
            derivatives[0] = Complex(a, -a)
            return Complex(a * p[i], -a * p[i])
        case .warburgOpen:
            // Z = Z₀·coth(s)/s with s = √(jωτ), ds/dτ = s/(2τ):
            // ∂Z/∂τ = Z₀/(2τ)·(1 − coth²(s) − coth(s)/s).
            let z0 = p[i], tau = p[i + 1]
            let s = Complex(0, omega * tau).squareRoot
            let c = Self.coth(s)
            let shape = c / s
            derivatives[0] = shape
            derivatives[1] = Complex(z0 / (2 * tau)) * (Complex(1) - c * c - shape)
            return Complex(z0) * shape
        case .warburgShort:
            // Z = Z₀·tanh(s)/s: ∂Z/∂τ = Z₀/(2τ)·(1 − tanh²(s) − tanh(s)/s).
            let z0 = p[i], tau = p[i + 1]
            let s = Complex(0, omega * tau).squareRoot
            let t = Self.tanh(s)
            let shape = t / s
            derivatives[0] = shape
            derivatives[1] = Complex(z0 / (2 * tau)) * (Complex(1) - t * t - shape)
            return Complex(z0) * shape
        case .transmissionLine, .transmissionLineCPE:
            return centralDifferences(omega: omega, p, derivatives)
        }
    }

    /// Derivatives by central differences with a relative step, for elements
    /// without a closed form.
    func centralDifferences(omega: Double, _ p: ArraySlice<Double>,
                            _ derivatives: UnsafeMutablePointer<Complex<Double>>) -> Complex<Double> {
        var work = Array(p)
        let z = impedance(omega: omega, work[...])
        for k in 0..<parameterCount {
            let value = work[k]
            // Cube root of machine epsilon balances truncation against rounding.
            let h = max(abs(value), 1e-300) * 6e-6
            work[k] = value + h
            let up = impedance(omega: omega, work[...])
            work[k] = value - h
            let down = impedance(omega: omega, work[...])
            work[k] = value
            derivatives[k] = (up - down) / Complex(2 * h)
        }
        return z
    }
}
