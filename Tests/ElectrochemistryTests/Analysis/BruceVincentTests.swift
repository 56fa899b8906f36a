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

/// The warning and the refusal: t₊ is reported only when it can be trusted
/// to mean what it says.
@Suite struct BruceVincentConditioningTests {
    /// R_int ten times R_b: I₀R₀ takes 10/11 of ΔV, so a 1 % error in R₀
    /// moves t₊ by 10 %. The answer is still right for exact inputs, and flagged.
    @Test func interfacesThatTakeMostOfTheStepAreFlagged() throws {
        let data = BruceVincentTests.hold(tPlus: 0.5, rBulk: 100, r0: 1000, rs: 1000)
        let zcSeen = 100 * (1 - Double.exp(-1 / 150.0))
        let result = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 1000 + zcSeen,
                                              steadyInterfacialResistance: 1000)
        #expect(abs(result.transferenceNumber - 0.5) < 1e-3)
        #expect(result.initialDropFraction > 0.9)
        #expect(abs(result.conditionNumber - (1000 + zcSeen) / 100) < 1e-6)
        #expect(result.isIllConditioned)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains("t₊ is ill-conditioned") == true)
    }

    @Test func smallInterfacesAreNotFlagged() throws {
        let data = BruceVincentTests.hold(tPlus: 0.5, rBulk: 100, r0: 100, rs: 100)
        let result = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 100,
                                              steadyInterfacialResistance: 100)
        #expect(result.initialDropFraction < 0.6)
        #expect(!result.isIllConditioned)
        #expect(result.warnings.isEmpty)
    }

    /// I₀ read long after the step, when the current has nearly decayed to
    /// I_s: I_s/I₀ is near 1 and the Evans correction pushes t₊ above 1.
    @Test func aTransferenceNumberAboveOneIsRefusedWithItsReason() {
        let data = BruceVincentTests.hold(tPlus: 0.5)
        do {
            let r = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 300, steadyInterfacialResistance: 360,
                                             initialCurrentReading: .firstSample(delay: 1500))
            Issue.record("t₊ = \(r.transferenceNumber) was reported")
        } catch {
            #expect(error.code == .unphysicalResult)
            #expect(error.message.contains("outside [0, 1]"))
            #expect(error.message.contains("R₀ is too small or R_s too large"))
        }
    }

    /// A single-ion conductor whose R₀ fit came out 3 % high reads t₊ just
    /// above 1: within twice its error it is reported, beyond it refused.
    @Test func justAboveOneIsJudgedAgainstItsError() throws {
        let data = BruceVincentTests.hold(tPlus: 1, r0: 300, rs: 300)
        let r0 = 300 * 0.97
        let reported = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: r0,
                                                steadyInterfacialResistance: 300, initialResistanceError: 10)
        #expect(reported.transferenceNumber > 1 && reported.transferenceNumber - 1 < 2 * reported.standardError)
        // Reported, but never silently: the reader is told it lies outside [0, 1].
        #expect(reported.warnings.count == 1)
        #expect(reported.warnings.first?.hasPrefix("t₊ = \(reported.transferenceNumber.formatted(significantDigits: 4)) ± ") == true)
        #expect(reported.warnings.first?.contains("is outside [0, 1]") == true)
        #expect { try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: r0,
                                           steadyInterfacialResistance: 300, initialResistanceError: 1) }
            throws: { ($0 as? AnalysisError)?.code == .unphysicalResult }
    }

    /// A trace whose current rises (not a Li|SE|Li hold): I_s/I₀ above 1 is named as the cause.
    @Test func aSteadyCurrentAboveTheInitialOneIsNamed() {
        let data = trace(dt: 1, count: 4000) { t in 1e-5 * (2 - Double.exp(-t / 150)) }
        do {
            let r = try BruceVincent.analyse(data, appliedVoltage: 0.01, initialInterfacialResistance: 0, steadyInterfacialResistance: 0)
            Issue.record("t₊ = \(r.transferenceNumber) was reported")
        } catch {
            #expect(error.code == .unphysicalResult)
            #expect(error.message.contains("I_s/I₀"))
            #expect(error.message.contains("exceeds 1"))
        }
    }
}
