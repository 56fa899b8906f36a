import Testing
import Numerics
@testable import Electrochemistry

/// Each element against its formula, written out here with swift-numerics'
/// own cosh/sinh rather than the element's exp-based coth/tanh.
@Suite("Element impedances")
struct ElementKindTests {
    static let frequencies = [1e-3, 1.0, 1e3, 1e6]

    static func z(_ kind: ElementKind, _ p: [Double], hertz: Double) -> Complex<Double> {
        kind.impedance(omega: 2 * Double.pi * hertz, p[...])
    }

    static func coth(_ x: Complex<Double>) -> Complex<Double> { Complex.cosh(x) / Complex.sinh(x) }
    static func tanh(_ x: Complex<Double>) -> Complex<Double> { Complex.sinh(x) / Complex.cosh(x) }
    static let j = Complex<Double>(0, 1)

    @Test("R", arguments: frequencies)
    func resistor(hertz: Double) {
        #expect(Self.z(.resistor, [12.5], hertz: hertz) == Complex(12.5, 0))
    }

    @Test("C = 1/(jωC)", arguments: frequencies)
    func capacitor(hertz: Double) {
        let w = 2 * Double.pi * hertz, c = 3e-4
        #expect(relativeError(Self.z(.capacitor, [c], hertz: hertz), Complex(1) / (Self.j * Complex(w * c))) < 1e-12)
    }

    @Test("L = jωL", arguments: frequencies)
    func inductor(hertz: Double) {
        let w = 2 * Double.pi * hertz, l = 2e-7
        #expect(relativeError(Self.z(.inductor, [l], hertz: hertz), Self.j * Complex(w * l)) < 1e-12)
    }

    @Test("CPE = 1/(Q (jω)^n)", arguments: frequencies, [0.5, 0.8, 1.0])
    func cpe(hertz: Double, n: Double) {
        let w = 2 * Double.pi * hertz, q = 2e-3
        let expected = Complex(1) / (Complex(q) * Complex.pow(Complex(0, w), Complex(n)))
        #expect(relativeError(Self.z(.cpe, [q, n], hertz: hertz), expected) < 1e-9)
    }

    @Test("CPE with n = 1 is a capacitor", arguments: frequencies)
    func cpeIsCapacitor(hertz: Double) {
        #expect(relativeError(Self.z(.cpe, [4e-3, 1], hertz: hertz), Self.z(.capacitor, [4e-3], hertz: hertz)) < 1e-12)
    }

    @Test("W = A_W (1 − j)/√ω", arguments: frequencies)
    func warburg(hertz: Double) {
        let w = 2 * Double.pi * hertz, a = 0.37
        let expected = Complex(a / w.squareRoot(), -a / w.squareRoot())
        #expect(relativeError(Self.z(.warburg, [a], hertz: hertz), expected) < 1e-12)
        // Phase is −45° at every frequency.
        #expect(abs(Self.z(.warburg, [a], hertz: hertz).phase + Double.pi / 4) < 1e-12)
    }

    @Test("Wo = Z0 coth(√(jωτ))/√(jωτ)", arguments: frequencies)
    func warburgOpen(hertz: Double) {
        let w = 2 * Double.pi * hertz, z0 = 0.8, tau = 2e-3
        let s = Complex.sqrt(Complex(0, w * tau))
        let expected = Complex(z0) * Self.coth(s) / s
        #expect(relativeError(Self.z(.warburgOpen, [z0, tau], hertz: hertz), expected) < 1e-9)
    }

    @Test("Ws = Z0 tanh(√(jωτ))/√(jωτ)", arguments: frequencies)
    func warburgShort(hertz: Double) {
        let w = 2 * Double.pi * hertz, z0 = 0.8, tau = 2e-3
        let s = Complex.sqrt(Complex(0, w * tau))
        let expected = Complex(z0) * Self.tanh(s) / s
        #expect(relativeError(Self.z(.warburgShort, [z0, tau], hertz: hertz), expected) < 1e-9)
    }

    @Test("TLM = √(R/(jωC)) coth √(R jωC)", arguments: frequencies)
    func transmissionLine(hertz: Double) {
        let w = 2 * Double.pi * hertz, r = 10.0, c = 1e-3
        let y = Complex(0, w * c)
        let expected = Complex.sqrt(Complex(r) / y) * Self.coth(Complex.sqrt(Complex(r) * y))
        #expect(relativeError(Self.z(.transmissionLine, [r, c], hertz: hertz), expected) < 1e-9)
    }

    @Test("TLMQ with γ = 1 is TLM", arguments: frequencies)
    func transmissionLineCPEIdeal(hertz: Double) {
        let tlm = Self.z(.transmissionLine, [10, 1e-3], hertz: hertz)
        #expect(relativeError(Self.z(.transmissionLineCPE, [10, 1e-3, 1], hertz: hertz), tlm) < 1e-9)
    }

    @Test("TLMQ = √(R/Y) coth √(R·Y), Y = Q (jω)^γ", arguments: frequencies)
    func transmissionLineCPE(hertz: Double) {
        let w = 2 * Double.pi * hertz, r = 10.0, q = 1e-3, gamma = 0.7
        let y = Complex(q) * Complex.pow(Complex(0, w), Complex(gamma))
        let expected = Complex.sqrt(Complex(r) / y) * Self.coth(Complex.sqrt(Complex(r) * y))
        #expect(relativeError(Self.z(.transmissionLineCPE, [r, q, gamma], hertz: hertz), expected) < 1e-9)
    }

    @Test("TLMQ hand value: R = 2, Q = 0.5, γ = ½, ω = 4")
    func transmissionLineCPEHandValue() {
        // Y = 0.5·(4j)^½ = e^{jπ/4}, so Z = √(2e^{−jπ/4})·coth √(2e^{jπ/4}).
        let z = ElementKind.transmissionLineCPE.impedance(omega: 4, [2, 0.5, 0.5][...])
        #expect(relativeError(z, Complex(1.312724778700790857, -0.755350154581037846)) < 1e-12)
    }

    @Test("Wo at low frequency is Z0/3 in series with C = τ/Z0", arguments: [1e-4, 1e-6])
    func warburgOpenLowFrequency(omegaTau: Double) {
        let z0 = 0.8, tau = 5.0
        let z = ElementKind.warburgOpen.impedance(omega: omegaTau / tau, [z0, tau][...])
        let c = tau / z0
        // Next terms: Re −2Z0(ωτ)²/945, Im −Z0·ωτ/45 — below the tolerance.
        #expect(relativeError(z.real, z0 / 3) < 1e-9)
        #expect(relativeError(z.imaginary, -1 / (omegaTau / tau * c)) < 1e-9)
    }

    @Test("Ws tends to Z0 at DC")
    func warburgShortDC() {
        let z0 = 0.8, tau = 5.0
        let dc = ElementKind.warburgShort.impedance(omega: 1e-12 / tau, [z0, tau][...])
        #expect(relativeError(dc, Complex(z0)) < 1e-12)
        // First correction −j·Z0·ωτ/3; the next, 2Z0(ωτ)²/15, is real.
        let z = ElementKind.warburgShort.impedance(omega: 1e-6 / tau, [z0, tau][...])
        #expect(relativeError(z.real, z0) < 1e-11)
        #expect(relativeError(z.imaginary, -z0 * 1e-6 / 3) < 1e-8)
    }

    @Test("TLM at low frequency is R/3 in series with C")
    func transmissionLineLowFrequency() {
        let r = 10.0, c = 1e-3, omega = 1e-4
        let z = ElementKind.transmissionLine.impedance(omega: omega, [r, c][...])
        #expect(relativeError(z.real, r / 3) < 1e-9)
        #expect(relativeError(z.imaginary, -1 / (omega * c)) < 1e-9)
    }

    @Test("Wo, Ws and TLM stay finite at 1 MHz with τ = 10⁴ s, on their asymptote")
    func largeArguments() {
        let w = 2 * Double.pi * 1e6, z0 = 0.8, tau = 1e4
        let s = Complex.sqrt(Complex(0, w * tau))
        let wo = ElementKind.warburgOpen.impedance(omega: w, [z0, tau][...])
        let ws = ElementKind.warburgShort.impedance(omega: w, [z0, tau][...])
        #expect(wo.isFinite && ws.isFinite)
        #expect(relativeError(wo, Complex(z0) / s) < 1e-12)
        #expect(relativeError(ws, Complex(z0) / s) < 1e-12)

        let r = 50.0, c = 1e4 / 50
        let tlm = ElementKind.transmissionLine.impedance(omega: w, [r, c][...])
        let tlmq = ElementKind.transmissionLineCPE.impedance(omega: w, [r, c, 0.9][...])
        #expect(tlm.isFinite && tlmq.isFinite)
        #expect(relativeError(tlm, Complex.sqrt(Complex(r) / Complex(0, w * c))) < 1e-12)
    }

    @Test("parameter metadata matches impedance.py order")
    func parameters() {
        #expect(ElementKind.allCases.map(\.parameterCount) == [1, 1, 1, 2, 1, 2, 2, 2, 3])
        #expect(ElementKind.cpe.parameters.map(\.symbol) == ["Q", "n"])
        #expect(ElementKind.warburgOpen.parameters.map(\.role) == [.resistance, .timeConstant])
        #expect(ElementKind.transmissionLineCPE.parameters.map(\.symbol) == ["R_ion", "Q", "gamma"])
        #expect(ElementKind(rawValue: "TLMQ") == .transmissionLineCPE)
    }
}
