import Foundation
import Testing
@testable import Electrochemistry

/// R_DC = ΔV/ΔI at a stated time after a named current step.
@Suite struct InterruptionResistanceTests {
    static let ohmic = 0.1, relaxing = 0.2, tau = 20.0, current = -2e-3

    /// A cell of 0.1 Ω ohmic and 0.2 Ω relaxing with τ = 20 s, OCV 3.7 V, read
    /// every `interval` s: a minute at rest, a 2 mA discharge of 600 s ending
    /// in a steep wall, then `rest` s at rest.
    static func record(interval: Double, restFor rest: Double = 120) -> [TraceSample] {
        var samples: [TraceSample] = []
        var t = 0.0
        while t < 60 { t += interval; samples.append(TraceSample(time: t, voltage: 3.7, current: 0)) }
        let start = t
        while t < start + 600 {
            t += interval
            let wall = t - start > 540 ? -0.02 * (t - start - 540) : 0
            let drop = current * (ohmic + relaxing * (1 - exp(-(t - start) / tau)))
            samples.append(TraceSample(time: t, voltage: 3.7 + drop + wall, current: current))
        }
        let end = t, endVoltage = samples[samples.count - 1].voltage
        while t < end + rest {
            t += interval
            // The ohmic drop recovers at once, the relaxing part with τ; the wall stays.
            let recovered = -current * (ohmic + relaxing * (1 - exp(-(t - end) / tau)))
            samples.append(TraceSample(time: t, voltage: endVoltage + recovered, current: 0))
        }
        return samples
    }

    static let tenSeconds = ohmic + relaxing * (1 - exp(-0.5))

    @Test(arguments: [InterruptionResistance.Event.startOfDischarge, .endOfDischarge])
    func readsOhmicPlusTheRelaxationAtTheStatedTime(_ event: InterruptionResistance.Event) throws {
        let r = try #require(InterruptionResistance.measure(Self.record(interval: 1), at: event, delay: 10, rest: 1e-6))
        #expect(abs(r.resistance - Self.tenSeconds) < 1e-9)
        #expect(r.delay == 10)
        #expect(r.label == "DC resistance 10 s after \(event.rawValue)")
    }

    /// Sparser readings are not interpolated: the first reading past the
    /// delay is used, and the label says when it was.
    @Test func theLabelStatesTheTimeOfTheReadingUsed() throws {
        let r = try #require(InterruptionResistance.measure(Self.record(interval: 15), at: .startOfDischarge, delay: 10, rest: 1e-6))
        #expect(r.delay == 15)
        #expect(r.label == "DC resistance 15 s after start of discharge")
        #expect(abs(r.resistance - (Self.ohmic + Self.relaxing * (1 - exp(-0.75)))) < 1e-9)
    }

    @Test func aStepShorterThanTheDelayOrNoneGivesNothing() {
        #expect(InterruptionResistance.measure(Self.record(interval: 1, restFor: 5), at: .endOfDischarge, delay: 10, rest: 1e-6) == nil)
        #expect(InterruptionResistance.measure(Self.record(interval: 1), at: .startOfCharge, delay: 10, rest: 1e-6) == nil)
        #expect(InterruptionResistance.measure(Self.record(interval: 1), at: .endOfCharge, delay: 10, rest: 1e-6) == nil)
    }
}
