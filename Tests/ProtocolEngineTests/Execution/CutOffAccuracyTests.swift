import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// Voltage-limited steps end at their cut-off, not one recording interval
/// past it: the limit is the instrument's compliance and readings quicken
/// as it approaches, whatever `sample:` says.
@Suite struct CutOffAccuracyTests {
    static func protocolText(rate: String) -> String {
        """
        name: cut-offs at \(rate)
        requires: {capacity: true}
        record: {dt: 60 s, dV: 0.5 mV, sample: 10 s}
        steps:
          - cc: \(rate)
            until: ["V >= 3.68 V", "t >= 12 h"]
          - rest: 10 min
          - cc: -\(rate)
            until: ["V <= 2.5 V", "t >= 12 h"]
          - rest: 10 min
          - cccv: {current: \(rate), voltage: 3.68 V, cutoff: C/20}
            until: ["t >= 12 h"]
        """
    }

    @Test(arguments: ["C/5", "C/2", "1C", "2C"])
    func everyVoltageLimitedStepEndsWithinFiveMillivoltsOfItsCutOff(rate: String) async throws {
        let (outcome, observer, _) = try await run(try parse(Self.protocolText(rate: rate)), preset: "nmc811-lpscl-liin")
        #expect(outcome == .completed)
        let samples = observer.samples
        let charge = try #require(samples.last { $0.step == 1 })
        let discharge = try #require(samples.last { $0.step == 3 })
        #expect(samples.filter { $0.step == 3 }.count > 10, "the discharge ran (it did not start at its cut-off)")
        #expect(discharge.voltage >= 2.5 - 0.005 && discharge.voltage <= 2.5, "discharge ended at \(discharge.voltage) V")
        #expect(charge.voltage <= 3.68 + 0.005 && charge.voltage >= 3.68, "charge ended at \(charge.voltage) V")
        let steps = observer.events.compactMap { if case .limitHit(let step, let condition, _) = $0.kind { (step.number, condition) } else { nil } }
        #expect(steps.contains { $0 == (1, "V >= 3.68 V") } && steps.contains { $0 == (3, "V <= 2.5 V") }, "\(steps)")
        // The CC→CV switch happens at the set voltage: no reading of the cccv above it (beyond the noise).
        let cccvPeak = samples.filter { $0.step == 5 }.map(\.voltage).max() ?? 0
        #expect(cccvPeak <= 3.68 + 0.0005, "cccv peaked at \(cccvPeak) V: \(samples.filter { $0.step == 5 && $0.voltage > 3.6805 }.prefix(5).map { ($0.stepTime, $0.voltage, $0.current) })")
    }
}
