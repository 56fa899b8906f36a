import Numerics

extension Circuit {
    /// Impedance at `omega` and its derivative with respect to every parameter.
    ///
    /// Runs the same postfix program as `impedance(omega:parameters:)`. Each
    /// subtree owns a contiguous run of parameters (they are numbered in text
    /// order), so one gradient buffer serves every stack entry: a series node
    /// passes its children's derivatives through, and a parallel node scales
    /// child k's by ∂Z/∂Z_k = (Z/Z_k)².
    ///
    /// - Parameter gradient: room for `parameterCount` values; overwritten.
    func impedanceAndGradient(omega: Double, parameters: [Double],
                              gradient: UnsafeMutablePointer<Complex<Double>>) -> Complex<Double> {
        withUnsafeTemporaryAllocation(of: (z: Complex<Double>, first: Int, end: Int).self,
                                      capacity: program.count) { stack in
            var top = 0
            let p = parameters[...]
            for instruction in program {
                switch instruction {
                case .element(let kind, let offset):
                    let z = kind.impedanceAndDerivatives(
                        omega: omega, p[offset..<(offset + kind.parameterCount)], gradient + offset)
                    stack[top] = (z, offset, offset + kind.parameterCount)
                    top += 1
                case .series(let count):
                    var sum = Complex<Double>.zero
                    for k in (top - count)..<top { sum += stack[k].z }
                    let first = stack[top - count].first, end = stack[top - 1].end
                    top -= count
                    stack[top] = (sum, first, end)
                    top += 1
                case .parallel(let count):
                    var admittance = Complex<Double>.zero
                    for k in (top - count)..<top { admittance += Complex(1) / stack[k].z }
                    let z = Complex(1) / admittance
                    for k in (top - count)..<top {
                        let ratio = z / stack[k].z
                        let scale = ratio * ratio
                        for j in stack[k].first..<stack[k].end { gradient[j] = gradient[j] * scale }
                    }
                    let first = stack[top - count].first, end = stack[top - 1].end
                    top -= count
                    stack[top] = (z, first, end)
                    top += 1
                }
            }
            return stack[0].z
        }
    }
}
