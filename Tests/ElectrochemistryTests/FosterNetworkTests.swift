import Testing
import Numerics
@testable import Electrochemistry

@Suite("Foster networks")
struct FosterNetworkTests {
    // MARK: Form

    @Test("impedance is R∞ + jωL − jS/ω + Σ R_k/(1 + jωτ_k)")
    func impedance() {
        let network = FosterNetwork(seriesResistance: 0.1, inductance: 2e-6, elastance: 50, branches: [
            .init(resistance: 0.2, timeConstant: 1e-3), .init(resistance: 0.4, timeConstant: 2.0),
        ])
        for w in [1e-2, 1.0, 1e3, 1e6] {
            let expected = Complex(0.1, w * 2e-6 - 50 / w)
                + Complex(0.2) / Complex(1, w * 1e-3) + Complex(0.4) / Complex(1, w * 2.0)
            #expect(relativeError(network.impedance(omega: w), expected) < 1e-14)
        }
        #expect(network.dcResistance == 0.1 + 0.2 + 0.4)
    }

    @Test("+ puts networks in series")
    func series() {
        let a = FosterNetwork(seriesResistance: 0.1, elastance: 2, branches: [.init(resistance: 1, timeConstant: 1)])
        let b = FosterNetwork(seriesResistance: 0.2, inductance: 1e-6, branches: [.init(resistance: 2, timeConstant: 1e-3)])
        let sum = a + b
        #expect(sum.branches.count == 2)
        for w in [1e-3, 1.0, 1e4] {
            #expect(relativeError(sum.impedance(omega: w), a.impedance(omega: w) + b.impedance(omega: w)) < 1e-14)
        }
    }

    @Test("scaled(resistance: a, time: b) has impedance a·Z(b·ω)")
    func scaled() {
        let network = FosterNetwork(seriesResistance: 0.1, inductance: 1e-6, elastance: 20, branches: [
            .init(resistance: 0.3, timeConstant: 1e-2), .init(resistance: 0.7, timeConstant: 5),
        ])
        let a = 3.0, b = 0.25
        let s = network.scaled(resistance: a, time: b)
        for w in [1e-3, 1.0, 1e2, 1e5] {
            #expect(relativeError(s.impedance(omega: w), Complex(a) * network.impedance(omega: b * w)) < 1e-13)
        }
        #expect(relativeError(s.dcResistance, a * network.dcResistance) < 1e-15)
        #expect(s.branches.map(\.timeConstant) == [1e-2 * b, 5 * b])
    }

    @Test("reduced(forStep:) folds only fast branches and keeps the DC resistance")
    func reduced() {
        let network = FosterNetwork.zarc(resistance: 1, timeConstant: 1e-3, n: 0.8)
        let dt = 1e-4
        let reduced = network.reduced(forStep: dt)
        #expect(reduced.branches.count < network.branches.count)
        #expect(reduced.branches.allSatisfy { $0.timeConstant * 30 >= dt })
        let removed = network.branches.filter { $0.timeConstant * 30 < dt }
        #expect(!removed.isEmpty)
        #expect(abs(reduced.seriesResistance - (network.seriesResistance + removed.reduce(0) { $0 + $1.resistance })) < 1e-15)
        #expect(abs(reduced.dcResistance - network.dcResistance) < 1e-14)
        // Below the step's Nyquist frequency the folded branches were resistors already.
        let w = 0.5 / dt
        #expect(relativeError(reduced.impedance(omega: w / 10), network.impedance(omega: w / 10)) < 1e-3)
    }

    // MARK: ZARC

    static func zarcImpedance(r: Double, tau0: Double, n: Double) -> (Double) -> Complex<Double> {
        { w in Complex(r) / (Complex(1) + Complex.pow(Complex(0, w * tau0), Complex(n))) }
    }

    @Test("ZARC ladder within 0.2 % of R/(1 + (jωτ₀)^n) from 10⁻⁶/τ₀ to 10⁶/τ₀",
          arguments: [0.5, 0.7, 0.85, 0.95, 1.0])
    func zarc(n: Double) {
        let r = 0.3, tau0 = 2e-3
        let network = FosterNetwork.zarc(resistance: r, timeConstant: tau0, n: n)
        let error = worstRelativeError(of: network, against: Self.zarcImpedance(r: r, tau0: tau0, n: n),
                                       omegaFrom: 1e-6 / tau0, to: 1e6 / tau0)
        #expect(error < 2e-3)
        #expect(relativeError(network.dcResistance, r) < 1e-14)
        #expect(network.branches.allSatisfy { $0.resistance > 0 && $0.timeConstant > 0 })
        #expect(network.elastance == 0 && network.inductance == 0)
    }

    @Test("ZARC from Q uses τ₀ = (R·Q)^(1/n)")
    func zarcFromQ() {
        let r = 0.3, q = 2e-2, n = 0.8
        let byQ = FosterNetwork.zarc(resistance: r, q: q, n: n)
        let byTau = FosterNetwork.zarc(resistance: r, timeConstant: Double.pow(r * q, 1 / n), n: n)
        #expect(byQ == byTau)
        let cpe = { (w: Double) in Complex(1) / (Complex(q) * Complex.pow(Complex(0, w), Complex(n))) }
        let parallel = { (w: Double) in Complex(1) / (Complex(1 / r) + Complex(1) / cpe(w)) }
        #expect(worstRelativeError(of: byQ, against: parallel, omegaFrom: 1e-3, to: 1e5) < 2e-3)
    }

    @Test("ZARC fastestTime folds faster relaxation into R∞ and stays faithful below it")
    func zarcFastestTime() {
        let r = 0.3, tau0 = 1e-3, n = 0.75, fastest = 1e-6
        let network = FosterNetwork.zarc(resistance: r, timeConstant: tau0, n: n, fastestTime: fastest)
        #expect(network.seriesResistance > 0)
        #expect(network.branches.allSatisfy { $0.timeConstant >= fastest })
        #expect(relativeError(network.dcResistance, r) < 1e-14)
        let error = worstRelativeError(of: network, against: Self.zarcImpedance(r: r, tau0: tau0, n: n),
                                       omegaFrom: 1e-6 / tau0, to: 1 / (100 * fastest))
        #expect(error < 2e-3)
    }

    // MARK: Finite Warburgs

    @Test("Warburg ladders within 0.2 % up to 1/(2π·100·fastestTime)", arguments: [ElementKind.warburgOpen, .warburgShort])
    func warburg(kind: ElementKind) {
        let z0 = 0.05, tau = 20.0, fastest = 1e-7
        let network = kind == .warburgOpen
            ? FosterNetwork.warburgOpen(z0: z0, tau: tau, fastestTime: fastest)
            : FosterNetwork.warburgShort(z0: z0, tau: tau, fastestTime: fastest)
        let band = FrequencyBand(lowest: 1e-6 / tau, highest: 1 / (2 * Double.pi * fastest * 100))
        let analytic = { (w: Double) in kind.impedance(omega: w, [z0, tau][...]) }
        let error = worstRelativeError(of: network, against: analytic,
                                       omegaFrom: 2 * Double.pi * band.lowest, to: 2 * Double.pi * band.highest)
        #expect(error < 2e-3)
        #expect(network.maximumRelativeError(against: analytic, band: band) < 2e-3)
        #expect(network.branches.allSatisfy { $0.resistance > 0 && $0.timeConstant >= fastest })
    }

    @Test("Wo ladder: C = τ/Z0 in series with resistance summing to Z0/3")
    func warburgOpenPoles() {
        let network = FosterNetwork.warburgOpen(z0: 0.06, tau: 3, fastestTime: 1e-5)
        #expect(relativeError(network.elastance, 0.06 / 3) < 1e-15)
        #expect(relativeError(network.dcResistance, 0.02) < 1e-12)
        // The slowest pole is exact: R₁ = 2Z0/π², τ₁ = τ/π².
        let slowest = network.branches.max { $0.timeConstant < $1.timeConstant }!
        #expect(relativeError(slowest.timeConstant, 3 / (Double.pi * Double.pi)) < 1e-14)
        #expect(relativeError(slowest.resistance, 0.12 / (Double.pi * Double.pi)) < 1e-14)
    }

    @Test("Ws ladder: DC resistance Z0 and no series capacitor")
    func warburgShortPoles() {
        let network = FosterNetwork.warburgShort(z0: 0.06, tau: 3, fastestTime: 1e-5)
        #expect(network.elastance == 0)
        #expect(relativeError(network.dcResistance, 0.06) < 1e-12)
        let slowest = network.branches.max { $0.timeConstant < $1.timeConstant }!
        #expect(relativeError(slowest.timeConstant, 3 / (Double.pi * Double.pi / 4)) < 1e-14)
    }

    // MARK: From circuits

    struct CircuitCase: Sendable, CustomTestStringConvertible {
        var text: String
        var parameters: [Double]
        var band: FrequencyBand
        var testDescription: String { text }
    }

    static let circuits = [
        CircuitCase(text: "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", parameters: [0.1, 0.2, 1e-3, 0.8, 0.3, 1.0, 0.7, 0.05, 10],
                    band: FrequencyBand(lowest: 1e-2, highest: 1e5)),
        CircuitCase(text: "CPE1", parameters: [1e-3, 0.8], band: FrequencyBand(lowest: 1e-2, highest: 1e4)),
        CircuitCase(text: "W1", parameters: [0.05], band: FrequencyBand(lowest: 1e-2, highest: 1e4)),
        CircuitCase(text: "TLMQ1", parameters: [10, 1e-3, 0.9], band: FrequencyBand(lowest: 1e-2, highest: 1e4)),
        CircuitCase(text: "p(R1,p(R2,C2)-CPE3)", parameters: [1, 0.5, 1e-4, 1e-3, 0.8],
                    band: FrequencyBand(lowest: 1e-2, highest: 1e4)),
    ]

    @Test("FosterNetwork(circuit:) within 0.5 % over the band", arguments: circuits)
    func fromCircuit(_ c: CircuitCase) throws {
        let circuit = try Circuit(c.text)
        let network = try FosterNetwork(circuit: circuit, parameters: c.parameters, band: c.band)
        let analytic = { (w: Double) in circuit.impedance(omega: w, parameters: c.parameters) }
        #expect(network.maximumRelativeError(against: analytic, band: c.band) < 5e-3)
        #expect(worstRelativeError(of: network, against: analytic,
                                   omegaFrom: 2 * Double.pi * c.band.lowest, to: 2 * Double.pi * c.band.highest) < 5e-3)
        // Passive: every branch a positive resistor and time constant.
        #expect(network.branches.allSatisfy { $0.resistance > 0 && $0.timeConstant > 0 })
        #expect(network.seriesResistance >= 0 && network.elastance >= 0)
    }

    @Test("exact forms: R, L, C and p(R,C) map one to one")
    func exactForms() throws {
        let circuit = try Circuit("L0-R0-p(C1,R1)-C2")
        let network = try FosterNetwork(circuit: circuit, parameters: [1e-6, 0.1, 2e-3, 0.5, 4],
                                        band: FrequencyBand(lowest: 1, highest: 1e3))
        #expect(network == FosterNetwork(seriesResistance: 0.1, inductance: 1e-6, elastance: 0.25,
                                         branches: [.init(resistance: 0.5, timeConstant: 1e-3)]))
    }

    @Test("an inductor inside a parallel group has no Foster form", arguments: ["p(R1,L1)", "R0-p(R1,L1-C1)"])
    func inductorInParallel(text: String) throws {
        let circuit = try Circuit(text)
        let p = Array(repeating: 1e-3, count: circuit.parameterCount)
        let error = try #require(throws: TimeDomainError.self) {
            try FosterNetwork(circuit: circuit, parameters: p, band: FrequencyBand(lowest: 1, highest: 1e3))
        }
        #expect(error.code == .inductorInParallel)
        #expect(error.subcircuit.hasPrefix("p(R1,L1"))
        #expect(error.description.contains("move it in series"))
    }

    @Test("a ladder that misses the tolerance throws ladderInaccurate")
    func inaccurate() throws {
        let circuit = try Circuit("CPE1")
        let error = try #require(throws: TimeDomainError.self) {
            try FosterNetwork(circuit: circuit, parameters: [1e-3, 0.7],
                              band: FrequencyBand(lowest: 1, highest: 10), tolerance: 1e-12)
        }
        #expect(error.code == .ladderInaccurate)
        #expect(error.subcircuit == "CPE1")
    }
}
