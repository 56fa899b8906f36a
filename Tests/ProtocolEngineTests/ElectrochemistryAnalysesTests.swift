import CyclerConfiguration
import CellSimulator
import Electrochemistry
import Instruments
import Testing
@testable import ProtocolEngine

/// The production provider on hand-made requests: what it leaves out, and the
/// errors that say what a job lacked.
@Suite struct ElectrochemistryAnalysesTests {
    static let latp = CellPresets.named("ss-latp-ss")!

    /// Spectra of LATP at each temperature, 1 MHz down to 1 Hz.
    static func spectra(at temperatures: [Double]) -> [SpectrumRecord] {
        var cell = SimulatedCell(definition: latp, seed: 3)
        return temperatures.enumerated().map { k, t in
            cell.equilibrate(temperature: t)
            let spectrum = cell.measureImpedance(frequencies: ImpedanceSpectrum.frequencies(from: 1e6, to: 1, perDecade: 5),
                                                 excitation: .potentiostatic(amplitude: 0.01))
            return SpectrumRecord(spectrum, mode: .potentiostatic, step: k + 1, cycle: 0, label: nil, voltage: 0, current: 0,
                                  temperature: t, pressure: nil)
        }
    }

    static func request(_ kind: AnalysisKind, cell: CellContext = CellContext(CellDescription(latp)), spectra: [SpectrumRecord] = [],
                        samples: [RecordedSample] = [], cycle: Int? = nil) -> AnalysisRequest {
        AnalysisRequest(kind: kind, cell: cell, spectra: spectra, polarisations: [], samples: samples, cycle: cycle)
    }

    /// At 85 °C LATP's grain-boundary arc peaks above 1 MHz: the intercept is
    /// not measured there, so that spectrum is left out rather than bending Eₐ.
    @Test func arrheniusLeavesOutSpectraWithoutABulkIntercept() async throws {
        let result = try #require(try await ElectrochemistryAnalyses().analyse(
            Self.request(.arrhenius, spectra: Self.spectra(at: [298.15, 318.15, 338.15, 358.15]))))
        let ea = try #require(result.values.first { $0.name == "Ea" }?.value)
        let truth = try #require(Self.latp.electrolyte.conductivity.activationEnergy)
        #expect(abs(ea - truth) < 0.01, "Eₐ \(ea) vs \(truth) eV")
        #expect(result.values.map(\.name).filter { $0.hasPrefix("σ at") } == ["σ at 25.0 °C", "σ at 45.0 °C", "σ at 65.0 °C"])
        #expect(result.note.contains("left out at 85.0 °C"), "\(result.note)")
    }

    /// Li|LLZO|Li shows a grain-boundary arc in the window beside the
    /// interfaces': the fit assigns it to the electrolyte, and the interface
    /// resistance is the interfaces' alone (within 5 %: the two arcs overlap,
    /// and the fit reads the interfaces 4 % low here).
    @Test func interfaceResistanceLeavesTheGrainBoundariesOut() throws {
        let definition = try #require(CellPresets.named("li-llzo-li"))
        var cell = SimulatedCell(definition: definition, seed: 5)
        let spectrum = SpectrumRecord(cell.measureImpedance(frequencies: ImpedanceSpectrum.frequencies(from: 1e6, to: 0.1, perDecade: 5),
                                                            excitation: .potentiostatic(amplitude: 0.005)),
                                      mode: .potentiostatic, step: 1, cycle: 0, label: nil, voltage: 0, current: 0, temperature: nil, pressure: nil)
        let interface = try InterfacialResistance(spectrum, geometry: SampleGeometry(area: definition.area, thickness: definition.electrolyteThickness))
        let truth = cell.electrical
        #expect(abs(interface.resistance / truth.negativeResistance - 1) < 0.05,
                "\(interface.resistance) Ω vs \(truth.negativeResistance) Ω (grain boundaries \(truth.grainBoundaryResistance) Ω)")
        #expect(interface.circuit == "R0-p(R1,CPE1)-p(R2,CPE2)")
    }

    @Test func arrheniusWithoutThicknessSaysWhatToAdd() async throws {
        var cell = CellContext(CellDescription(Self.latp))
        cell.thickness = nil
        await #expect { try await ElectrochemistryAnalyses().analyse(Self.request(.arrhenius, cell: cell, spectra: Self.spectra(at: [298.15])))
        } throws: { ($0 as? AnalysisError)?.field == "thickness" }
    }

    @Test func aTransferenceAnalysisWithoutAPolarisationSaysWhichStepIsMissing() async throws {
        await #expect { try await ElectrochemistryAnalyses().analyse(Self.request(.transference))
        } throws: { "\($0)".contains("dc_polarisation with mode: transference") }
    }

    @Test func aGITTAnalysisWithoutATraceSaysSo() async throws {
        await #expect { try await ElectrochemistryAnalyses().analyse(Self.request(.gitt))
        } throws: { ($0 as? AnalysisError)?.code == .tooFewPoints }
    }

    /// Charge at 1 mA for 100 s, discharge at 1 mA, recorded every 50 s
    /// while the current read at that instant had sagged to 0.8 mA: the
    /// capacities come from the executor's charge count (0.1 C), not the
    /// sparse readings, and none of the discharge before a cycle counts in it.
    @Test func aCycleCountsTheChargeFromTheSampleBeforeIt() async throws {
        func sample(_ t: Double, _ i: Double, step: Int, start: Double, cycle: Int) -> RecordedSample {
            RecordedSample(Sample(time: t, voltage: 3.5 + i * 100, current: 0.8 * i), step: step, cycle: cycle,
                           stepTime: t - start, stepCharge: i * (t - start))
        }
        let rest = sample(0, 0, step: 1, start: 0, cycle: 0)
        let first = [rest] + [50, 100].map { sample($0, 1e-3, step: 2, start: 0, cycle: 1) }
            + [150, 200].map { sample($0, -1e-3, step: 3, start: 100, cycle: 1) }
        let second = [first[first.count - 1]] + [250, 300].map { sample($0, 1e-3, step: 4, start: 200, cycle: 2) }
            + [sample(350, -1e-3, step: 5, start: 300, cycle: 2)]
        let provider = ElectrochemistryAnalyses()
        let one = try #require(try await provider.analyse(Self.request(.cycles, samples: first, cycle: 1)))
        let two = try #require(try await provider.analyse(Self.request(.cycles, samples: second, cycle: 2)))
        func value(_ result: AnalysisResult, _ name: String) -> Double? { result.values.first { $0.name == name }?.value }
        for (result, name, expected) in [(one, "charge capacity", 0.1), (one, "discharge capacity", 0.1), (two, "charge capacity", 0.1),
                                         (two, "discharge capacity", 0.05), (two, "retention", 0.5)] {
            #expect(value(result, name).map { abs($0 - expected) < 1e-12 } == true, "\(name): \(String(describing: value(result, name)))")
        }
        #expect(two.cycle == 2)
    }

    /// One cycle: charge at `charge` A for 100 s, discharge at `discharge` A for
    /// `dischargeTime` s, each read every 50 s.
    static func cycle(_ number: Int, from t0: Double, charge: Double, discharge: Double, dischargeTime: Double = 100) -> [RecordedSample] {
        func sample(_ t: Double, _ i: Double, step: Int, start: Double) -> RecordedSample {
            RecordedSample(Sample(time: t, voltage: 3.5 + i * 100, current: i), step: step, cycle: number,
                           stepTime: t - start, stepCharge: i * (t - start))
        }
        return [50, 100].map { sample(t0 + $0, charge, step: 2 * number, start: t0) }
            + stride(from: 50, through: dischargeTime, by: 50).map { sample(t0 + 100 + $0, discharge, step: 2 * number + 1, start: t0 + 100) }
    }

    /// A CCD ramp discharges each cycle at a higher current: its capacities
    /// are not a fade, so no cycle gets a retention (not even the first its
    /// own 100 %). A cycle back at an earlier current is compared with the
    /// first cycle at that current.
    @Test func retentionIsOnlyGivenBetweenCyclesRunAlike() async throws {
        let rest = RecordedSample(Sample(time: 0, voltage: 3.5, current: 0), step: 1, cycle: 0, stepTime: 0, stepCharge: 0)
        let one = [rest] + Self.cycle(1, from: 0, charge: 1e-3, discharge: -1e-3)
        let two = [one[one.count - 1]] + Self.cycle(2, from: 200, charge: 1e-3, discharge: -1.1e-3)
        let three = [two[two.count - 1]] + Self.cycle(3, from: 400, charge: 1e-3, discharge: -1e-3, dischargeTime: 50)
        let provider = ElectrochemistryAnalyses()
        var results: [AnalysisResult] = []
        for (k, samples) in [one, two, three].enumerated() {
            results.append(try #require(try await provider.analyse(Self.request(.cycles, samples: samples, cycle: k + 1))))
        }
        func retention(_ result: AnalysisResult) -> Double? { result.values.first { $0.name == "retention" }?.value }
        #expect(retention(results[0]) == nil && retention(results[1]) == nil)
        #expect(retention(results[2]).map { abs($0 - 0.5) < 1e-12 } == true, "\(String(describing: retention(results[2])))")
        // Nothing to warn of: a ramp is not a fault (cycle 2's only warning is its CE of 110 %).
        #expect(results.map(\.warnings.count) == [0, 1, 0])
        #expect(results[1].warnings.first?.hasPrefix("coulombic efficiency 110 %") == true)
        let ramp = try #require(try await ElectrochemistryAnalyses().analyse(Self.request(.cycles, samples: one + two.dropFirst())))
        #expect(!ramp.values.contains { $0.name.hasSuffix("retention") })
        let all = try #require(try await ElectrochemistryAnalyses().analyse(
            Self.request(.cycles, samples: one + two.dropFirst() + three.dropFirst())))
        #expect(all.values.filter { $0.name.hasSuffix("retention") }.map(\.name) == ["cycle 3: retention"])
    }

    @Test func aCoulombicEfficiencyAbove100PercentIsWarnedOf() async throws {
        let rest = RecordedSample(Sample(time: 0, voltage: 3.5, current: 0), step: 1, cycle: 0, stepTime: 0, stepCharge: 0)
        let samples = [rest] + Self.cycle(1, from: 0, charge: 1e-3, discharge: -1e-3, dischargeTime: 150)
        let result = try #require(try await ElectrochemistryAnalyses().analyse(Self.request(.cycles, samples: samples, cycle: 1)))
        #expect(result.values.first { $0.name == "coulombic efficiency" }.map { abs($0.value - 1.5) < 1e-12 } == true)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.hasPrefix("coulombic efficiency 150 % is above 100 %") == true)
        #expect(!result.note.contains("150 %"), "the warning is not buried in the note")
        let balanced = [rest] + Self.cycle(1, from: 0, charge: 1e-3, discharge: -1e-3)
        let plain = try #require(try await ElectrochemistryAnalyses().analyse(Self.request(.cycles, samples: balanced, cycle: 1)))
        #expect(plain.warnings.isEmpty)
        // The whole job's summary names the cycle each warning is about.
        let two = [samples[samples.count - 1]] + Self.cycle(2, from: 250, charge: 1e-3, discharge: -1e-3)
        let all = try #require(try await ElectrochemistryAnalyses().analyse(Self.request(.cycles, samples: samples + two.dropFirst())))
        #expect(all.warnings.count == 1 && all.warnings.first?.hasPrefix("cycle 1: coulombic efficiency 150 %") == true)
    }
}
