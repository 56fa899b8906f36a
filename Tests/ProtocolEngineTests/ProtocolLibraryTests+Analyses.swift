import CellSimulator
import Electrochemistry
import Instruments
import Testing
@testable import ProtocolEngine

/// The library's analyses against the simulator's truth (issue #3's
/// tolerances): Eₐ within 0.01 eV, t₊ within 0.02, σₑ within 10 %, the CCD
/// to the exact step, and cycle summaries that account for the charge passed.
extension ProtocolLibraryTests {
    /// The one result of `kind`, failing the test with the reasons if the analysis failed.
    func result(_ kind: AnalysisKind, in observer: CollectingObserver) throws -> AnalysisResult {
        let failures = observer.analysisFailures.filter { $0.kind == kind }.map(\.reason)
        #expect(failures.isEmpty, "\(kind): \(failures)")
        return try #require(observer.analyses.last { $0.kind == kind })
    }

    @Test func arrheniusRecoversTheActivationEnergy() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("arrhenius-eis"), "ss-latp-ss")
        let result = try result(.arrhenius, in: observer)
        let ea = try #require(result.value("Ea"))
        let truth = try #require(await bench.truth.definition.electrolyte.conductivity.activationEnergy)
        #expect(abs(ea - truth) < 0.01, "Eₐ \(ea) eV vs \(truth) eV")
    }

    /// The polymer the protocol is written for (t₊ = 0.22, interfaces 19× the
    /// bulk, so t₊ is 19× as sensitive to I₀ and R₀) and a ceramic single-ion
    /// conductor (t₊ = 1).
    @Test(arguments: ["li-peo-li", "li-llzo-li"])
    func bruceVincentRecoversTheTransferenceNumber(_ preset: String) async throws {
        let (observer, bench) = try await runWithBench(try Self.load("transference-bruce-vincent"), preset)
        let tPlus = try #require(try result(.transference, in: observer).value("t+"))
        let truth = await bench.truth.definition.electrolyte.transferenceNumber
        #expect(abs(tPlus - truth) < 0.02, "t₊ \(tPlus) vs \(truth)")
    }

    @Test func electronicConductivityRecoversTheLeakage() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("electronic-conductivity"), "ss-lpscl-ss")
        let sigma = try #require(try result(.electronic, in: observer).value("σe"))
        let cell = await bench.truth
        let truth = cell.definition.electrolyteThickness / (cell.electrical.leakageResistance * cell.definition.area)
        #expect(abs(sigma / truth - 1) < 0.1, "σₑ \(sigma) vs \(truth) S/m")
    }

    /// The ramp steps by 0.1 mA/cm² (1 A/m²): the CCD is the last step below the simulator's.
    @Test func ccdRampFindsTheCriticalCurrentDensityToTheStep() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("ccd-ramp"), "li-lpscl-li")
        let result = try result(.ccd, in: observer)
        let truth = await bench.truth.criticalCurrentDensity
        let step = 1.0
        let ccd = try #require(result.value("CCD"))
        let failing = try #require(result.value("first failing current density"))
        #expect(abs(ccd - (truth / step).rounded(.down) * step) < 1e-3, "CCD \(ccd) vs truth \(truth) A/m²")
        #expect(abs(failing - (truth / step).rounded(.up) * step) < 1e-3)
    }

    /// Contact improves with pressure: the interface arc shrinks at each step,
    /// and at the last pressure the electrolyte's and the interfaces'
    /// resistances match the cell's within 2 %.
    @Test func pressureSeriesFollowsTheInterfaceDown() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("pressure-eis-series"), "li-lpscl-li")
        let result = try result(.pressureSeries, in: observer)
        let interface = result.values.filter { $0.name.hasPrefix("R_interface") }.map(\.value)
        #expect(interface.count == 4 && zip(interface, interface.dropFirst()).allSatisfy { $0 > $1 }, "\(interface)")
        let truth = await bench.truth.electrical
        // Li₆PS₅Cl's bulk and grain-boundary arcs both peak above 1 MHz: the intercept holds both.
        let electrolyte = truth.bulkResistance + truth.grainBoundaryResistance
        let intercept = try #require(result.values.last { $0.name.hasPrefix("R_HF") }?.value)
        #expect(abs(intercept / electrolyte - 1) < 0.02, "R_HF \(intercept) vs \(electrolyte) Ω")
        let last = try #require(interface.last)
        #expect(abs(last / truth.negativeResistance - 1) < 0.02, "R_interface \(last) vs \(truth.negativeResistance) Ω")
    }

    @Test func gcplSummarisesEachCycleWithTheChargePassed() async throws {
        let (observer, _) = try await runWithBench(try Self.load("gcpl"), "nmc811-lpscl-liin")
        let summaries = observer.analyses.filter { $0.kind == .cycles }
        #expect(summaries.map(\.cycle) == [1, 2, 3])
        for summary in summaries {
            let cycle = try #require(summary.cycle)
            try expectChargePassed(summary, matches: observer.samples.filter { $0.cycle == cycle })
        }
        #expect(try #require(summaries.first?.value("retention")) == 1)
    }

    @Test func formationSummarisesEveryCycleAtTheEnd() async throws {
        let (observer, _) = try await runWithBench(try Self.load("formation-precycling"), "nmc811-lpscl-liin")
        let summary = try #require(observer.analyses.last { $0.kind == .cycles && $0.cycle == nil })
        for cycle in 1...3 {
            try expectChargePassed(summary, prefix: "cycle \(cycle): ", matches: observer.samples.filter { $0.cycle == cycle })
        }
    }

    /// The summary's capacities against the executor's own charge count per
    /// step (every reading, not only the recorded ones), within 0.2 %.
    private func expectChargePassed(_ summary: AnalysisResult, prefix: String = "", matches samples: [RecordedSample]) throws {
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
