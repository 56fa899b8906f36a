import CellSimulator
import Electrochemistry
import Instruments
import Testing
@testable import ProtocolEngine

/// What the library tests check analysis results with; the checks against
/// the simulator's truth (issue #3's tolerances: Eₐ within 0.01 eV, t₊ within
/// 0.02, σₑ within 10 %, the CCD to the exact step, cycle summaries that
/// account for the charge passed) sit in each protocol's test.
extension ProtocolLibraryTests {
    /// The one result of `kind`, failing the test with the reasons if the analysis failed.
    func result(_ kind: AnalysisKind, in observer: CollectingObserver) throws -> AnalysisResult {
        let failures = observer.analysisFailures.filter { $0.kind == kind }.map(\.reason)
        #expect(failures.isEmpty, "\(kind): \(failures)")
        return try #require(observer.analyses.last { $0.kind == kind })
    }

    /// Li|LLZO|Li, a single-ion conductor (t₊ = 1) whose grain-boundary arc
    /// lies in the window beside the interfaces': only the interface arcs go
    /// into R₀ and R_s.
    @Test func bruceVincentGivesOneForAGarnet() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("transference-bruce-vincent"), "li-llzo-li")
        let tPlus = try #require(try result(.transference, in: observer).value("t+"))
        let truth = await bench.truth.definition.electrolyte.transferenceNumber
        #expect(abs(tPlus - truth) < 0.02, "t₊ \(tPlus) vs \(truth)")
    }

    /// The summary's capacities against the executor's own charge count per
    /// step (every reading, not only the recorded ones), within 0.2 %.
    func expectChargePassed(_ summary: AnalysisResult, prefix: String = "", matches samples: [RecordedSample]) throws {
        var stepCharges: [Int: Double] = [:]
        for sample in samples { stepCharges[sample.step] = sample.stepCharge }
        let charged = stepCharges.values.filter { $0 > 0 }.reduce(0, +)
        let discharged = -stepCharges.values.filter { $0 < 0 }.reduce(0, +)
        let charge = try #require(summary.value(prefix + "charge capacity"))
        let discharge = try #require(summary.value(prefix + "discharge capacity"))
        #expect(charged > 0 && discharged > 0)
        #expect(abs(charge / charged - 1) < 0.002, "\(prefix)charge \(charge) C vs \(charged) C passed")
        #expect(abs(discharge / discharged - 1) < 0.002, "\(prefix)discharge \(discharge) C vs \(discharged) C passed")
    }
}

extension AnalysisResult {
    /// The value called `name`.
    func value(_ name: String) -> Double? {
        values.first { $0.name == name }?.value
    }
}
