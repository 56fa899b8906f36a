import Electrochemistry
import Numerics
import Testing

/// A GITT train on a planar electrode of diffusion time τ_d = L²/D: the exact
/// finite-length (reflecting) diffusion response, written out here from its
/// series, plus an ohmic jump. The Weppner–Huggins figure must return 1/τ_d.
struct GITTAnalysisTests {
    /// Voltage per unit I·(dU/dQ)·τ_d after a current step at t = 0:
    /// t/τ + 1/3 − Σ 2/(kπ)²·exp(−(kπ)² t/τ).
    static func reflectingStep(_ t: Double, diffusionTime tau: Double) -> Double {
        guard t > 0 else { return 0 }
        var sum = t / tau + 1.0 / 3
        for k in 1...400 {
            let p = Double(k) * Double.pi
            sum -= 2 / (p * p) * Double.exp(-p * p * t / tau)
        }
        return sum
    }

    /// `count` pulses of `current` for `pulse` s, each after `rest` s at open
    /// circuit, read every `dt` s; the OCV rises `slope` V/C. `step` is the
    /// particle's response to a current step (planar unless given).
    static func train(count: Int, current: Double = 1e-3, pulse: Double, rest: Double, dt: Double, diffusionTime: Double,
                      slope: Double = 0.5, resistance: Double = 20,
                      step: (Double, Double) -> Double = reflectingStep) -> [TraceSample] {
        let period = pulse + rest
        let end = Double(count) * period + rest
        return stride(from: dt, through: end + 1e-9, by: dt).map { t in
            var voltage = 3.6
            var on = false
            for n in 0..<count {
                let switchOn = rest + Double(n) * period
                voltage += current * slope * diffusionTime
                    * (step(t - switchOn, diffusionTime) - step(t - switchOn - pulse, diffusionTime))
                if t > switchOn + 1e-9, t <= switchOn + pulse + 1e-9 { on = true }
            }
            return TraceSample(time: t, voltage: voltage + (on ? current * resistance : 0), current: on ? current : 0)
        }
    }

    @Test func shortPulsesRecoverTheDiffusionTime() throws {
        let tau = 300.0
        let pulses = try GITTAnalysis.analyse(Self.train(count: 3, pulse: 30, rest: 600, dt: 2, diffusionTime: tau))
        #expect(pulses.count == 3)
        for p in pulses {
            #expect(abs(p.normalisedDiffusivity * tau - 1) < 0.03, "D/L² \(p.normalisedDiffusivity) vs \(1 / tau) s⁻¹")
            #expect(abs(p.duration - 30) < 1e-9)
            #expect(abs(p.steadyStateChange - 1e-3 * 0.5 * 30) < 1e-6, "ΔE_s is the charge times the OCV slope")
            #expect(p.sqrtTimeRSquared > 0.999)
            #expect(abs(p.diffusionCoefficient(length: 2e-6) - 4e-12 / tau) < 1e-3 * 4e-12 / tau)
        }
    }

    /// A pulse as long as τ_d leaves the √t regime: the transient bends over
    /// and the figure is no longer 1/τ_d. The fit's R² shows it.
    @Test func aPulseLongerThanTheDiffusionTimeIsFlaggedByItsFit() throws {
        let tau = 300.0
        let pulse = try #require(try GITTAnalysis.analyse(Self.train(count: 1, pulse: 1200, rest: 1200, dt: 10, diffusionTime: tau)).first)
        #expect(abs(pulse.normalisedDiffusivity * tau - 1) > 0.3)
        #expect(pulse.sqrtTimeRSquared < 0.999)
    }

    @Test func aDischargePulseGivesTheSameFigure() throws {
        let tau = 400.0
        let pulses = try GITTAnalysis.analyse(Self.train(count: 2, current: -2e-3, pulse: 40, rest: 800, dt: 2, diffusionTime: tau))
        #expect(pulses.count == 2)
        #expect(pulses.allSatisfy { abs($0.normalisedDiffusivity * tau - 1) < 0.03 && $0.current < 0 })
    }

    @Test func theMedianIsTheMiddlePulsesFigureOrTheMeanOfTheTwo() throws {
        let pulses = try GITTAnalysis.analyse(Self.train(count: 4, pulse: 30, rest: 600, dt: 2, diffusionTime: 300))
        let sorted = pulses.map(\.normalisedDiffusivity).sorted()
        #expect(GITTAnalysis.median(pulses) == (sorted[1] + sorted[2]) / 2)
        #expect(GITTAnalysis.median(Array(pulses.prefix(3))) == pulses.prefix(3).map(\.normalisedDiffusivity).sorted()[1])
    }

    @Test func aTraceWithoutCurrentSaysSo() {
        let flat = (1...10).map { TraceSample(time: Double($0), voltage: 3.7, current: 0) }
        #expect { try GITTAnalysis.analyse(flat) } throws: { ($0 as? AnalysisError)?.code == .noSignal }
    }

    @Test func aPulseWithoutARestAfterItIsNotAnalysed() {
        let open = Self.train(count: 1, pulse: 30, rest: 300, dt: 2, diffusionTime: 300).filter { $0.time <= 330 }
        #expect { try GITTAnalysis.analyse(open) } throws: { ($0 as? AnalysisError)?.code == .tooFewPoints }
    }

    @Test func aNonFiniteVoltageIsNamed() {
        var broken = Self.train(count: 1, pulse: 30, rest: 300, dt: 2, diffusionTime: 300)
        broken[4].voltage = .nan
        #expect { try GITTAnalysis.analyse(broken) } throws: { ($0 as? AnalysisError)?.index == 4 }
    }
}

/// The validity flag and the SOC each pulse is reported against.
@Suite struct GITTPulseValidityTests {
    @Test func aPulseShortAgainstTheDiffusionTimeIsNotFlagged() throws {
        let pulses = try GITTAnalysis.analyse(GITTAnalysisTests.train(count: 2, pulse: 30, rest: 600, dt: 2, diffusionTime: 300))
        #expect(pulses.allSatisfy { $0.isShortAgainstDiffusionTime && abs($0.diffusionTimeFraction - 0.1) < 0.01 })
    }

    @Test func aPulseAsLongAsTheDiffusionTimeIsFlagged() throws {
        let pulse = try #require(try GITTAnalysis.analyse(GITTAnalysisTests.train(count: 1, pulse: 300, rest: 1500, dt: 5,
                                                                                   diffusionTime: 300)).first)
        #expect(!pulse.isShortAgainstDiffusionTime, "τ·D/L² \(pulse.diffusionTimeFraction)")
    }

    /// The limit's justification: just inside it the figure is still within 2 %.
    @Test func atTheLimitTheFigureIsStillClose() throws {
        let tau = 300.0, pulse = GITTAnalysis.shortPulseLimit * tau
        let result = try #require(try GITTAnalysis.analyse(GITTAnalysisTests.train(count: 1, pulse: pulse, rest: 1500, dt: 1,
                                                                                    diffusionTime: tau)).first)
        #expect(abs(result.normalisedDiffusivity * tau - 1) < 0.02)
    }

    /// 1 mA for 30 s per pulse after 600 s of rest: pulse n starts 30·n mC in.
    @Test func eachPulseCarriesItsChargeAndStateOfCharge() throws {
        let capacity = 3.6
        let pulses = try GITTAnalysis.analyse(GITTAnalysisTests.train(count: 3, pulse: 30, rest: 600, dt: 2, diffusionTime: 300),
                                              capacity: capacity, initialStateOfCharge: 0.2)
        #expect(pulses.count == 3)
        for (n, pulse) in pulses.enumerated() {
            #expect(abs(pulse.chargeBefore - 0.03 * Double(n)) < 1e-9)
            let soc = try #require(pulse.stateOfChargeBefore)
            #expect(abs(soc - (0.2 + 0.03 * Double(n) / capacity)) < 1e-9)
        }
        #expect(try GITTAnalysis.analyse(GITTAnalysisTests.train(count: 1, pulse: 30, rest: 600, dt: 2, diffusionTime: 300))
            .allSatisfy { $0.stateOfChargeBefore == nil })
    }

    @Test func aCapacityThatIsNotPositiveIsRefused() {
        let data = GITTAnalysisTests.train(count: 1, pulse: 30, rest: 600, dt: 2, diffusionTime: 300)
        #expect { try GITTAnalysis.analyse(data, capacity: 0) } throws: { ($0 as? AnalysisError)?.field == "capacity" }
    }
}
