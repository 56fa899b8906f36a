import Numerics
import LiveModel
import Testing

/// SOC on a cell the model knows only by its capacity and OCV table, whose
/// resistances are three times what the model assumes before it measures any:
/// the run starts at full charge already under a C/2 load. The cell here is
/// an R0 + RC circuit written out in the test, so the truth is exact.
@Suite struct StateOfChargeHonestyTests {
    static let capacity = 3600.0 * 2  // 2 Ah
    static let oneC = capacity / 3600
    /// V per unit of SOC steepening towards full, as a cathode's curve does.
    static let table = (soc: stride(from: 0.0, through: 1.0, by: 0.05).map { $0 },
                        voltage: stride(from: 0.0, through: 1.0, by: 0.05).map { 3.3 + 0.6 * $0 + 0.3 * $0 * $0 * $0 * $0 })
    /// Three times the filter's typical 0.2 V at 1C, half of it instantaneous.
    static let r0 = 0.3 / oneC, r1 = 0.3 / oneC, tau1 = 60.0

    struct Sample {
        var time: Double
        var truth: Double
        var estimate: Double
        var sigma: Double
    }

    /// 40 min at C/2 from full, then 30 min at rest, sampled every second.
    static func run() throws -> [Sample] {
        let curve = try OpenCircuitCurve(stateOfCharge: table.soc, voltage: table.voltage)
        var model = LiveModel(configuration: LiveModelConfiguration(kind: .full, area: nil, capacity: capacity, curve: curve,
                                                                    growthPerCharge: 0, restCurrent: 1e-6))
        var soc = 1.0, v1 = 0.0
        var samples: [Sample] = []
        for t in 0...4200 {
            let current = t <= 2400 ? -oneC / 2 : 0
            if t > 0 {
                soc += current / capacity
                let a = Double.exp(-1 / tau1)
                v1 = a * v1 + r1 * (1 - a) * current
            }
            let voltage = curve.evaluate(soc).value + v1 + r0 * current
            let e = model.update(Measurement(time: Double(t), current: current, voltage: voltage))
            samples.append(Sample(time: Double(t), truth: soc, estimate: try #require(e.stateOfCharge),
                                  sigma: try #require(e.stateOfChargeSigma)))
        }
        return samples
    }

    /// Under the load the voltage cannot tell charge from resistance, so σ
    /// stays wide enough to hold the truth; the rest then pins SOC.
    @Test func aLoadedStartOnAnUnknownCircuitKeepsTheTruthWithinTwoSigma() throws {
        let samples = try Self.run()
        let covered = samples.filter { abs($0.estimate - $0.truth) <= 2 * $0.sigma }.count
        #expect(Double(covered) >= 0.95 * Double(samples.count), "\(covered) of \(samples.count) within 2σ")
        let last = try #require(samples.last)
        #expect(abs(last.estimate - last.truth) < 0.02, "SOC \(last.estimate) vs \(last.truth) after 30 min of rest")
        #expect(last.sigma < 0.03)
    }
}
