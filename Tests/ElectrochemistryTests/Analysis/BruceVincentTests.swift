import Electrochemistry
import Numerics
import Testing

@Suite struct BruceVincentTests {
    /// A cell whose current follows ΔV/(R_b + R_int + Z_c(t)), with the
    /// concentration resistance Z_c = R_b(1 − t₊)/t₊ building up exponentially:
    /// then I₀ = ΔV/(R_b + R₀), I_s = ΔV/(R_b + R_s + Z_c) and the formula gives t₊ back.
    static func hold(tPlus: Double, rBulk: Double = 100, r0: Double = 300, rs: Double = 360, dv: Double = 0.01)
        -> [TraceSample] {
        let zc = rBulk * (1 - tPlus) / tPlus
        return trace(dt: 1, count: 4000) { t in
            let rInt = r0 + (rs - r0) * min(1, t / 1000)
            return dv / (rBulk + rInt + zc * (1 - Double.exp(-t / 150)))
        }
    }

    @Test(arguments: [0.22, 0.47, 0.97, 1.0])
    func recoversTheTransferenceNumber(tPlus: Double) throws {
        // R_int grows linearly for 1000 s, so I₀ (first sample, t = 1 s) sees R₀ + 0.06 Ω.
        let data = Self.hold(tPlus: tPlus)
        let r0Seen = 300 + 60 * 1.0 / 1000
        let zcSeen = 100 * (1 - tPlus) / tPlus * (1 - Double.exp(-1 / 150.0))
        let result = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: r0Seen + zcSeen,
                                              steadyInterfacialResistance: 360)
        #expect(abs(result.transferenceNumber - tPlus) < 1e-4, "t₊ \(result.transferenceNumber)")
        #expect(abs(result.initialDrive - result.initialCurrent * 100) < 1e-9)
        #expect(result.steadyState.isReached)
        #expect(result.initialCurrentTime == 1)
    }

    @Test func theSignOfTheStepDoesNotMatter() throws {
        let data = Self.hold(tPlus: 0.5).map { TraceSample(time: $0.time, voltage: -0.01, current: -$0.current) }
        let positive = try BruceVincent.analyse(Self.hold(tPlus: 0.5), appliedVoltage: 0.01, initialInterfacialResistance: 300,
                                                steadyInterfacialResistance: 360)
        let negative = try BruceVincent.analyse(data, appliedVoltage: -0.01, initialInterfacialResistance: 300,
                                                steadyInterfacialResistance: 360)
        #expect(positive.transferenceNumber == negative.transferenceNumber)
    }

    @Test func openCircuitRowsBeforeTheStepAreIgnored() throws {
        let before = (0..<10).map { TraceSample(time: Double($0) - 10, voltage: 0, current: 0) }
        let result = try BruceVincent.analyse(before + Self.hold(tPlus: 0.3), appliedVoltage: 0.01,
                                              initialInterfacialResistance: 300, steadyInterfacialResistance: 360)
        #expect(result.initialCurrentTime == 1)
    }

    /// I(t) = I₀ − k√t: the extrapolation returns I₀ exactly; the first sample does not.
    @Test func squareRootExtrapolationReadsTheCurrentAtTheStep() throws {
        let data = trace(dt: 0.5, count: 3000) { t in 1e-5 * (1 - 0.01 * min(t, 900).squareRoot()) }
        let result = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 0,
                                              steadyInterfacialResistance: 0,
                                              initialCurrentReading: .squareRootExtrapolation(window: 1...10))
        #expect(abs(result.initialCurrent / 1e-5 - 1) < 1e-9)
        let delayed = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 0,
                                               steadyInterfacialResistance: 0, initialCurrentReading: .firstSample(delay: 4))
        #expect(delayed.initialCurrentTime == 4)
    }

    @Test func interfacialDropsLargerThanTheStepAreRejected() {
        let data = Self.hold(tPlus: 0.5)
        do {
            _ = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 1e4, steadyInterfacialResistance: 360)
            Issue.record("I₀R₀ > ΔV was accepted")
        } catch {
            #expect(error.field == "r0")
        }
        #expect(throws: AnalysisError.self) {
            try BruceVincent.analyse(data, appliedVoltage: 0, initialInterfacialResistance: 300, steadyInterfacialResistance: 360)
        }
        #expect(throws: AnalysisError.self) {
            try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: -1, steadyInterfacialResistance: 360)
        }
        #expect(throws: AnalysisError.self) {
            try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 300, steadyInterfacialResistance: 360,
                                     initialCurrentReading: .squareRootExtrapolation(window: 2000...2000))
        }
    }

    @Test func aHoldTooShortForSteadyStateIsAnError() {
        let data = Array(Self.hold(tPlus: 0.3).prefix(700))
        #expect(throws: AnalysisError.self) {
            try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 300, steadyInterfacialResistance: 360)
        }
    }
}
