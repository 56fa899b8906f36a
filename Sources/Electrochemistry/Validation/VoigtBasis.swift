import Numerics

/// A linear model of a spectrum: series elements plus a ladder of RC (Voigt)
/// elements at fixed time constants, whose coefficients enter linearly.
///
/// lin-KK fits it with free signs to test causality; the fitter's initial
/// guess fits it with non-negative coefficients, which reads like a coarse
/// distribution of relaxation times whose peaks are the arcs.
struct VoigtBasis {
    enum Column: Equatable {
        /// A series resistance: coefficient in Ω.
        case resistance
        /// A series inductance: coefficient in H.
        case inductance
        /// A series capacitance: coefficient 1/C.
        case inverseCapacitance
        /// A semi-infinite Warburg: coefficient A_W.
        case warburg
        /// An RC element with time constant τ: coefficient R.
        case relaxation(tau: Double)
    }

    var columns: [Column]

    /// Time constants log-spaced from `low` to `high`, `perDecade` per decade, both included.
    static func timeConstants(from low: Double, to high: Double, perDecade: Double) -> [Double] {
        let decades = Double.log10(high / low)
        let count = max(1, Int((decades * perDecade).rounded())) + 1
        if count == 1 { return [low] }
        return (0..<count).map { low * Double.pow(10, decades * Double($0) / Double(count - 1)) }
    }

    /// The impedance one unit of `column` contributes at `omega`.
    static func unitImpedance(_ column: Column, omega: Double) -> Complex<Double> {
        switch column {
        case .resistance: return Complex(1)
        case .inductance: return Complex(0, omega)
        case .inverseCapacitance: return Complex(0, -1 / omega)
        case .warburg:
            let a = 1 / omega.squareRoot()
            return Complex(a, -a)
        case .relaxation(let tau):
            let x = omega * tau, d = 1 / (1 + x * x)
            return Complex(d, -x * d)
        }
    }

    /// The 2N×K design matrix, real rows first, each row divided by `scales[k]`.
    func designMatrix(omegas: [Double], scales: [Double]) -> Matrix {
        let n = omegas.count
        var a = Matrix(rows: 2 * n, columns: columns.count)
        for (k, omega) in omegas.enumerated() {
            let w = 1 / scales[k]
            for (j, column) in columns.enumerated() {
                let z = Self.unitImpedance(column, omega: omega)
                a[k, j] = z.real * w
                a[n + k, j] = z.imaginary * w
            }
        }
        return a
    }

    /// The model's impedance at `omega` for `coefficients`.
    func impedance(omega: Double, coefficients: [Double]) -> Complex<Double> {
        var z = Complex<Double>.zero
        for (column, c) in zip(columns, coefficients) { z += Self.unitImpedance(column, omega: omega) * Complex(c) }
        return z
    }
}
