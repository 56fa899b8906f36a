import Testing
import Numerics
@testable import Electrochemistry

@Suite("Circuit evaluation")
struct CircuitTests {
    static let frequencies = [1e-3, 1.0, 1e3, 1e6]
    static let j = Complex<Double>(0, 1)

    @Test("p(R1,C1) = R/(1 + jωRC)", arguments: frequencies)
    func parallelRC(hertz: Double) throws {
        let circuit = try Circuit("p(R1,C1)")
        let r = 4.0, c = 2.5e-4, w = 2 * Double.pi * hertz
        let expected = Complex(r) / (Complex(1) + Self.j * Complex(w * r * c))
        #expect(relativeError(circuit.impedance(frequency: hertz, parameters: [r, c]), expected) < 1e-12)
    }

    @Test("series elements add", arguments: frequencies)
    func series(hertz: Double) throws {
        let circuit = try Circuit("L0-R0-CPE1-Wo1")
        let p = [1e-7, 0.3, 2e-3, 0.8, 0.5, 4.0]
        let w = 2 * Double.pi * hertz
        let expected = Complex(0, w * 1e-7) + Complex(0.3)
            + Complex(1) / (Complex(2e-3) * Complex.pow(Complex(0, w), Complex(0.8)))
            + ElementKind.warburgOpen.impedance(omega: w, [0.5, 4.0][...])
        #expect(relativeError(circuit.impedance(frequency: hertz, parameters: p), expected) < 1e-12)
    }

    @Test("a three-branch parallel adds admittances", arguments: frequencies)
    func threeBranchParallel(hertz: Double) throws {
        let circuit = try Circuit("p(R1,C1,L1)")
        let r = 2.0, c = 1e-4, l = 1e-3, w = 2 * Double.pi * hertz
        let admittance = Complex(1 / r) + Self.j * Complex(w * c) + Complex(1) / (Self.j * Complex(w * l))
        #expect(relativeError(circuit.impedance(frequency: hertz, parameters: [r, c, l]), Complex(1) / admittance) < 1e-12)
    }

    @Test("nested groups compose", arguments: frequencies)
    func nested(hertz: Double) throws {
        let circuit = try Circuit("R0-p(R1,p(R2,C2)-R3)")
        let p = [0.1, 5.0, 2.0, 1e-3, 0.5]
        let w = 2 * Double.pi * hertz
        let inner = Complex(2.0) / (Complex(1) + Self.j * Complex(w * 2.0 * 1e-3)) + Complex(0.5)
        let expected = Complex(0.1) + Complex(1) / (Complex(1 / 5.0) + Complex(1) / inner)
        #expect(relativeError(circuit.impedance(frequency: hertz, parameters: p), expected) < 1e-12)
    }

    @Test("the Randles-type circuit's DC and high-frequency limits")
    func limits() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)-p(R2,CPE2)-Ws1")
        let p = [0.1, 0.2, 1e-3, 0.8, 0.3, 1.0, 0.7, 0.05, 10]
        let dc = circuit.impedance(omega: 1e-12, parameters: p)
        #expect(abs(dc.real - (0.1 + 0.2 + 0.3 + 0.05)) < 1e-6)
        let high = circuit.impedance(omega: 1e12, parameters: p)
        #expect(abs(high.real - 0.1) < 1e-6)
    }

    @Test("spectrum and frequency overloads agree with impedance(omega:)")
    func overloads() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)-W1")
        let p = [0.1, 0.2, 1e-3, 0.8, 0.05]
        let fs = [0.1, 10, 1e4]
        let spectrum = circuit.spectrum(frequencies: fs, parameters: p)
        #expect(spectrum.count == 3)
        for (f, z) in zip(fs, spectrum) {
            #expect(z == circuit.impedance(omega: 2 * Double.pi * f, parameters: p))
        }
    }

    @Test("parameter info lists each element's parameters in order")
    func parameterInfo() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)-Wo1")
        #expect(circuit.parameterInfo.map(\.symbol) == ["R", "R", "Q", "n", "Z0", "tau"])
        #expect(circuit.parameterInfo.map(\.unit) == ["Ohm", "Ohm", "F s^(n-1)", "", "Ohm", "s"])
    }
}
