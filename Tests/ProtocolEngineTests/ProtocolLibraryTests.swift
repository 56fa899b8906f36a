import CyclerConfiguration
import CellSimulator
import Electrochemistry
import Foundation
import Instruments
import Testing
@testable import ProtocolEngine

/// Every protocol in `Protocols/` validates against the simulated cell it is
/// written for and runs to completion on the simulated bench at full speed
/// with the production analyses, and every analysis result matches the
/// simulator's truth within issue #3's tolerances.
@Suite struct ProtocolLibraryTests {
    static let library: [(file: String, preset: String)] = [
        ("gcpl", "nmc811-lpscl-liin"),
        ("formation-precycling", "nmc811-lpscl-liin"),
        ("rate-capability", "nmc811-lpscl-liin"),
        ("ccd-ramp", "li-lpscl-li"),
        ("transference-bruce-vincent", "li-peo-li"),
        ("electronic-conductivity", "ss-lpscl-ss"),
        ("arrhenius-eis", "ss-latp-ss"),
        ("pressure-eis-series", "li-lpscl-li"),
        ("gitt", "nmc811-lpscl-liin"),
        ("idle-eis-interphase", "li-lgps-li"),
    ]

    static func load(_ name: String) throws -> ProtocolDefinition {
        try ProtocolLoader.load(contentsOf: repositoryRoot.appendingPathComponent("Protocols/\(name).yaml").path)
    }

    @Test func everyLibraryFileIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Protocols").path)
        #expect(Set(files.filter { $0.hasSuffix(".yaml") }) == Set(Self.library.map { "\($0.file).yaml" }))
    }

    @Test(arguments: zip(library.map(\.file), library.map(\.preset)))
    func validatesAgainstItsCellAndOnItsOwn(_ file: String, _ preset: String) throws {
        let definition = try Self.load(file)
        let cell = CellContext(CellDescription(try #require(CellPresets.named(preset))))
        #expect(ProtocolValidator.validate(definition, cell: cell, channel: .simulatedBench).isEmpty)
        #expect(ProtocolValidator.validate(definition, channel: .simulatedBench).isEmpty)
    }

    private func runToCompletion(_ file: String, _ preset: String) async throws -> CollectingObserver {
        try await runWithBench(try Self.load(file), preset).observer
    }

    func runWithBench(_ definition: ProtocolDefinition, _ preset: String) async throws
        -> (observer: CollectingObserver, bench: SimulatedBench) {
        let (outcome, observer, bench) = try await run(definition, preset: preset, analysis: ElectrochemistryAnalyses())
        #expect(outcome == .completed, "\(definition.name): \(outcome)")
        #expect(observer.alarms.isEmpty)
        return (observer, bench)
    }

    private func cycles(_ observer: CollectingObserver) -> Int {
        observer.count { if case .cycleEnded = $0 { true } else { false } }
    }

    @Test func gcplCyclesThreeTimesWithEISAfterTheSecond() async throws {
        let observer = try await runToCompletion("gcpl", "nmc811-lpscl-liin")
        #expect(cycles(observer) == 3)
        let spectra = observer.spectra
        #expect(spectra.count == 1)
        #expect(spectra.first?.cycle == 3, "the every-2-cycles EIS runs at the start of cycle 3")
        let discharge = observer.samples.filter { $0.current < -1e-4 }
        #expect(!discharge.isEmpty && discharge.allSatisfy { $0.voltage > 1.0 })
        // Each cycle is summarised as it ends, with the charge it passed.
        let summaries = observer.analyses.filter { $0.kind == .cycles }
        #expect(summaries.map(\.cycle) == [1, 2, 3])
        for summary in summaries {
            let cycle = try #require(summary.cycle)
            try expectChargePassed(summary, matches: observer.samples.filter { $0.cycle == cycle })
        }
        // Retention against cycle 1, which ran at the same C/2: none for cycle 1 itself.
        #expect(summaries.map { $0.value("retention") != nil } == [false, true, true])
        let first = try #require(summaries.first?.value("discharge capacity"))
        #expect(try #require(summaries.last?.value("retention")) == (try #require(summaries.last?.value("discharge capacity"))) / first)
    }

    @Test func formationCountsItsCyclesAcrossBothLoops() async throws {
        let observer = try await runToCompletion("formation-precycling", "nmc811-lpscl-liin")
        #expect(cycles(observer) == 3)
        #expect(observer.spectra.map(\.label) == ["eis-before-formation", "eis-after-formation"])
        // `analyse: cycles` at the end summarises every cycle again.
        let summary = try #require(observer.analyses.last { $0.kind == .cycles && $0.cycle == nil })
        for cycle in 1...3 {
            try expectChargePassed(summary, prefix: "cycle \(cycle): ", matches: observer.samples.filter { $0.cycle == cycle })
        }
    }

    @Test func rateCapabilityDischargesAtEachRate() async throws {
        let observer = try await runToCompletion("rate-capability", "nmc811-lpscl-liin")
        #expect(cycles(observer) == 4)
        let currents = Set(observer.samples.filter { $0.current < -1e-5 }.map { ($0.current * 1e5).rounded() })
        #expect(currents.count >= 4)
    }

    @Test func ccdRampStopsAtTheShort() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("ccd-ramp"), "li-lpscl-li")
        let gotos = observer.events.compactMap { event -> StepInfo? in
            if case .limitHit(let step, _, .goto) = event.kind { step } else { nil }
        }
        let shorted = try #require(gotos.first)
        #expect(gotos.count == 1)
        #expect(shorted.cycle > 1 && shorted.cycle < 30, "the ramp shorts before its last step")
        // The ramp's current rose by 0.1 mA/cm² per cycle up to the short.
        let plated = observer.samples.filter { $0.step == shorted.number }
        let area = try #require(CellPresets.named("li-lpscl-li")).area
        #expect(abs((try #require(plated.first).current / area) - Double(shorted.cycle) * 1.0) < 0.01)
        // Each cycle ran at a new current: a ramp, not cycling, so no cycle reports a retention.
        let summaries = observer.analyses.filter { $0.kind == .cycles }
        #expect(summaries.count == shorted.cycle - 1)
        #expect(!summaries.contains { $0.values.contains { $0.name.hasSuffix("retention") } })
        // The CCD to the exact step: the last step below the simulator's, the first above it.
        let result = try result(.ccd, in: observer)
        let truth = await bench.truth.criticalCurrentDensity
        let ccd = try #require(result.value("CCD")), failing = try #require(result.value("first failing current density"))
        #expect(abs(ccd - truth.rounded(.down)) < 1e-3, "CCD \(ccd) vs truth \(truth) A/m²")
        #expect(abs(failing - truth.rounded(.up)) < 1e-3)
    }

    @Test func bruceVincentPolarisesToSteadyStateBetweenTwoSpectra() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("transference-bruce-vincent"), "li-peo-li")
        let record = try #require(observer.events.compactMap { if case .polarisation(let p) = $0.kind { p } else { nil } }.first)
        #expect(record.reachedSteadyState)
        #expect(record.before?.label == "before" && record.after?.label == "after")
        #expect(record.current.first! > record.current.last!, "the current decays from I0 to Is")
        // PEO-LiTFSI: interfaces 19× the bulk make t₊ 19× as sensitive to I₀ and R₀.
        let tPlus = try #require(try result(.transference, in: observer).value("t+"))
        let truth = await bench.truth.definition.electrolyte.transferenceNumber
        #expect(abs(tPlus - truth) < 0.02, "t₊ \(tPlus) vs \(truth)")
    }

    @Test func electronicConductivityReachesASteadyCurrent() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("electronic-conductivity"), "ss-lpscl-ss")
        let record = try #require(observer.events.compactMap { if case .polarisation(let p) = $0.kind { p } else { nil } }.first)
        #expect(record.reachedSteadyState && record.mode == .electronic)
        #expect(record.before == nil && record.after == nil)
        let sigma = try #require(try result(.electronic, in: observer).value("σe"))
        let cell = await bench.truth
        let truth = cell.definition.electrolyteThickness / (cell.electrical.leakageResistance * cell.definition.area)
        #expect(abs(sigma / truth - 1) < 0.1, "σₑ \(sigma) vs \(truth) S/m")
    }

    @Test func arrheniusTakesASpectrumAtEachEquilibratedTemperature() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("arrhenius-eis"), "ss-latp-ss")
        let temperatures = observer.spectra.compactMap(\.temperature).map { $0 - 273.15 }
        #expect(temperatures.count == 5)
        for (measured, target) in zip(temperatures, [25.0, 45, 65, 85, 25]) {
            #expect(abs(measured - target) < 0.6)
        }
        let ea = try #require(try result(.arrhenius, in: observer).value("Ea"))
        let truth = try #require(await bench.truth.definition.electrolyte.conductivity.activationEnergy)
        #expect(abs(ea - truth) < 0.01, "Eₐ \(ea) eV vs \(truth) eV")
    }

    @Test func pressureSeriesTakesASpectrumAtEachPressure() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("pressure-eis-series"), "li-lpscl-li")
        let pressures = observer.spectra.compactMap(\.pressure).map { $0 / 1e6 }
        #expect(pressures.count == 4)
        for (measured, target) in zip(pressures, [5.0, 10, 20, 40]) {
            #expect(abs(measured - target) < 0.5)
        }
        // Contact improves with pressure: the interface arc shrinks at each step, and at the
        // last pressure the electrolyte's and the interfaces' resistances match the cell's.
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

    /// The train ends at the cut-off, and Weppner–Huggins recovers the
    /// simulated cathode's solid diffusion: `positive.diffusionTime` is
    /// (R/3)²/D, so the truth is D/L² = 1/τ with L = V/S = R/3.
    ///
    /// The simulator's particles are spheres, and the preset's cell says so,
    /// so the analysis matches each pulse to the sphere's exact response (the
    /// planar form reads the same pulses about 20 % low). 15 % on each
    /// mid-train pulse (the middle half, where the OCV is smooth and nearly
    /// linear over one pulse): ΔE_s is a few mV read between two relaxed OCVs
    /// with instrument noise, and the OCV's curvature over a pulse makes ΔE_t
    /// and ΔE_s see different slopes dU/dQ. The first pulses, on the steep
    /// low-SOC end of the OCV, read far off whatever the geometry, which is
    /// why only the middle half counts.
    @Test func gittPulsesUntilTheCutOffAndRecoversTheDiffusionTime() async throws {
        let (observer, bench) = try await runWithBench(try Self.load("gitt"), "nmc811-lpscl-liin")
        let hit = observer.events.contains {
            if case .limitHit(_, let condition, .nextStep) = $0.kind { condition.contains("3.68") } else { false }
        }
        #expect(hit, "the train ended at the voltage cut-off")
        let truth = 1 / (await bench.truth.definition.positive.diffusionTime)
        let gitt = try result(.gitt, in: observer)
        let perPulse = gitt.values.filter { $0.name.hasPrefix("D/L² pulse") }.map(\.value)
        #expect(perPulse.count >= 8, "\(perPulse.count) pulses analysed")
        let middle = perPulse.dropFirst(perPulse.count / 4).dropLast(perPulse.count / 4)
        for value in middle {
            #expect(abs(value / truth - 1) < 0.15, "D/L² \(value) vs \(truth) 1/s; all: \(perPulse)")
        }
        let median = try #require(gitt.value("median D/L²"))
        #expect(abs(median / truth - 1) < 0.15, "median D/L² \(median) vs \(truth) 1/s")
    }

    /// A week at rest with hourly EIS is 168 sweeps; in a debug test that is a
    /// minute of CPU, so the test shortens the rest to six hours and checks
    /// the interleaving (the full file runs with `cyclerctl run`).
    @Test func idleEISInterruptsTheRestEveryHour() async throws {
        var definition = try Self.load("idle-eis-interphase")
        let restIndex = try #require(definition.steps.lastIndex { if case .rest = $0.kind { true } else { false } })
        let week = try #require(definition.steps[restIndex].until.first?.condition.threshold.value)
        #expect(abs(week - 7 * 86_400) < 1e-6)
        definition.steps[restIndex].until[0].condition.threshold = .init(6 * 3600, .time)
        let (outcome, observer, _) = try await run(definition, preset: "li-lgps-li")
        #expect(outcome == .completed)
        let spectra = observer.spectra
        #expect(spectra.count == 6, "one before the rest, then one each hour until the rest ends at 6 h")
        let times = observer.events.compactMap { if case .spectrum = $0.kind { $0.time } else { nil } }
        let gaps = zip(times.dropFirst(), times.dropFirst(2)).map { $1 - $0 }
        #expect(gaps.count == 4 && gaps.allSatisfy { abs($0 - 3600) < 700 }, "\(gaps)")
        let restSteps = Set(observer.samples.filter { $0.stepTime > 3600 }.map(\.step))
        #expect(restSteps.count == 1, "the rest resumes as the same step after each sweep")
    }
}
