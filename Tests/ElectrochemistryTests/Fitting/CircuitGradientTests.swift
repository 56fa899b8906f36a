import Numerics
import Testing
@testable import Electrochemistry

/// The analytic Jacobian agrees with central differences for every element
/// kind, through series and parallel nodes.
@Suite struct CircuitGradientTests {
    @Test(arguments: [
        ("L0-R0-p(R1,CPE1)-p(R2,C2)-W1", [2e-7, 15.0, 120, 3e-6, 0.87, 400, 2e-6, 30]),
        ("R0-p(R1,CPE1)-Wo1-Ws1", [10.0, 50, 1e-5, 0.9, 200, 0.7, 80, 3]),
        ("R0-p(R1,TLMQ1)-TLM1", [5.0, 300, 40, 2e-5, 0.8, 25, 1e-4]),
    ])
    func analyticGradientMatchesDifferences(text: String, parameters: [Double]) throws {
        let circuit = try Circuit(text)
        for omega in [1e-1, 3.0, 2e2, 5e4, 6e6] {
            var gradient = Array(repeating: Complex<Double>.zero, count: parameters.count)
            let z = gradient.withUnsafeMutableBufferPointer {
                circuit.impedanceAndGradient(omega: omega, parameters: parameters, gradient: $0.baseAddress!)
            }
            #expect(relativeError(z, circuit.impedance(omega: omega, parameters: parameters)) < 1e-12)
            for j in parameters.indices {
                var up = parameters, down = parameters
                let h = parameters[j] * 1e-6
                up[j] += h
                down[j] -= h
                let numeric = (circuit.impedance(omega: omega, parameters: up) - circuit.impedance(omega: omega, parameters: down)) / Complex(2 * h)
                // Compare on the scale of the whole impedance: a derivative near zero is fine either way.
                let scale = z.length / abs(parameters[j])
                #expect((gradient[j] - numeric).length <= 1e-5 * scale,
                        "\(text) ∂Z/∂\(circuit.parameterNames[j]) at ω=\(omega): \(gradient[j]) vs \(numeric)")
            }
        }
    }
}
