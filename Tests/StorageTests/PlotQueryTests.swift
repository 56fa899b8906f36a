import Foundation
import Testing
@testable import Storage

/// The dashboard's job plots read the full-rate store: a cycle's V–Q branches
/// and the live model's estimates placed in the rests they were taken in.
@Suite struct PlotQueryTests {
    static func sample(_ t: Int, current: Double, step: Int, cycle: Int, stepCharge: Double) -> PendingSample {
        PendingSample(job: 1, time: Double(t), unixTime: 1_000 + Double(t), voltage: 3 + 0.01 * Double(t), current: current,
                      pressure: 1e6 + Double(t), temperature: nil, step: step, cycle: cycle, stepTime: 0, stepCharge: stepCharge)
    }

    @Test func aCyclesBranchesEndAtItsSummarysChargeAndDischarge() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        // Cycle 1: ten samples charging 0.4 C apart, then ten discharging 0.2 C apart.
        let samples = (0..<10).map { Self.sample($0, current: 1e-3, step: 1, cycle: 1, stepCharge: 0.4 * Double($0)) }
            + (0..<10).map { Self.sample(10 + $0, current: -1e-3, step: 2, cycle: 1, stepCharge: -0.2 * Double($0)) }
        try store.append(JournalBatch(samples: samples), channel: "ch1")

        let curve = try store.cycleCurve(job: 1, cycle: 1)
        let summary = try #require(store.cycleSummaries(job: 1).first)
        // A step's first sample moved no charge yet, so each branch has nine points.
        #expect(curve.charge.count == 9 && curve.discharge.count == 9)
        #expect(curve.charge.last?.capacity == summary.chargeAh)
        #expect(curve.discharge.last?.capacity == summary.dischargeAh)
        let voltages: [Double] = (1..<10).map { 3 + 0.01 * Double($0) }
        #expect(curve.charge.map(\.voltage) == voltages)
        let thinned = curve.thinned(to: 3)
        #expect(thinned.charge == [curve.charge[0], curve.charge[4], curve.charge[8]])
        #expect(try store.cycleCurve(job: 1, cycle: 2).charge.isEmpty)
    }

    @Test func anEstimateKnowsHowLongTheCellHadRestedAndThePressureThen() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        // At rest for 0–9 s (cycle 0), charging for 10–19 s, at rest from 20 s (cycle 1).
        var batch = JournalBatch(samples: (0..<30).map { t in
            Self.sample(t, current: (10..<20).contains(t) ? 1e-3 : 0, step: t < 10 ? 0 : t < 20 ? 1 : 2, cycle: t < 10 ? 0 : 1,
                        stepCharge: 0)
        })
        let body = #"{"cycle": 7, "ohmicResistance": 10, "interfacialResistance": 20, "expectedPressure": 1000000}"#
        batch.events = [PendingEvent(job: 1, time: 5, unixTime: 1_005, kind: "estimate", body: body),
                        PendingEvent(job: 1, time: 12, unixTime: 1_012, kind: "estimate", body: "not JSON"),
                        PendingEvent(job: 1, time: 15, unixTime: 1_015, kind: "estimate", body: body),
                        PendingEvent(job: 1, time: 18, unixTime: 1_018, kind: "estimate", body: #"{"cycle": 1}"#),
                        PendingEvent(job: 1, time: 25, unixTime: 1_025, kind: "estimate", body: body)]
        try store.append(batch, channel: "ch1")

        let estimates = try store.resistanceEstimates(job: 1, restCurrent: 1e-6)
        // The unreadable one and the one with nothing to plot are left out; the series goes on after them.
        let times: [Double] = [5, 15, 25]
        let rests: [Double?] = [5, nil, 5]
        let pressures: [Double?] = times.map { 1e6 + $0 }
        #expect(estimates.map(\.time) == times)
        #expect(estimates.map(\.restTime) == rests)
        #expect(estimates.map(\.measuredPressure) == pressures)
        #expect(estimates.map(\.cycle) == [0, 1, 1], "the protocol's cycle, not the live model's")
        let ohmic: [Double?] = [10, 10, 10]
        #expect(estimates.map(\.ohmicResistance) == ohmic)
        #expect(estimates.allSatisfy { $0.interfacialResistance == 20 && $0.expectedPressure == 1e6 })
    }

    /// A job of three cycles (charge, rest, discharge, rest), with an estimate
    /// every 7 s, stored in uneven batches while another job records on
    /// another channel.
    static func cyclingJob() -> [JournalBatch] {
        var batches: [JournalBatch] = []
        var batch = JournalBatch()
        var stepCharge = 0.0
        for t in 0..<240 {
            let phase = t % 80
            let current = phase < 30 ? 1e-3 : (40..<70).contains(phase) ? -1e-3 : 0
            if phase == 0 || phase == 30 || phase == 40 || phase == 70 { stepCharge = 0 }
            stepCharge += current
            batch.samples.append(PendingSample(job: 1, time: Double(t), unixTime: 1_000 + Double(t), voltage: 3.5 + 0.002 * Double(phase),
                                               current: current, pressure: 1e6, temperature: nil, step: phase / 10, cycle: 1 + t / 80,
                                               stepTime: 0, stepCharge: stepCharge))
            if t % 7 == 3 {
                let body = #"{"ohmicResistance": \#(10 + t), "interfacialResistance": 20, "expectedPressure": 1000000}"#
                batch.events.append(PendingEvent(job: 1, time: Double(t), unixTime: 1_000 + Double(t), kind: "estimate", body: body))
            }
            if t % 37 == 36 || t == 239 {
                batches.append(batch)
                batch = JournalBatch()
            }
        }
        return batches
    }

    @Test func aDigestUpdatedBatchByBatchAgreesWithOnePassOverTheWholeJob() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        var digest = JobDigest(job: 1, channel: "ch1", restCurrent: 1e-6)
        for (n, batch) in Self.cyclingJob().enumerated() {
            try store.append(batch, channel: "ch1")
            try store.append(JournalBatch(samples: [Self.sample(n, current: 1e-3, step: 1, cycle: 1, stepCharge: 0)].map { var other = $0; other.job = 2; return other }),
                             channel: "ch2")
            try digest.update(from: store)
            #expect(digest.cycles.summaries == (try store.cycleSummaries(job: 1)), "after batch \(n)")
            #expect(digest.resistance.estimates == (try store.resistanceEstimates(job: 1, restCurrent: 1e-6)), "after batch \(n)")
        }
        let before = digest.throughSeq
        try digest.update(from: store)
        #expect(digest.throughSeq == before, "nothing new, nothing read")
        #expect(digest.cycles.summaries.map(\.cycle) == [1, 2, 3])
        #expect(digest.resistance.estimates.count == 34)
        #expect(digest.resistance.estimates.contains { $0.restTime != nil }, "some estimates fall in rests")
        for cycle in 1...3 {
            let span = try #require(digest.cycles.timeSpans[cycle])
            #expect(span == Double((cycle - 1) * 80)...Double(cycle * 80 - 1))
            let curve = try store.cycleCurve(job: 1, cycle: cycle, within: span)
            #expect(curve == (try store.cycleCurve(job: 1, cycle: cycle)), "the time span holds the whole cycle")
            #expect(!curve.charge.isEmpty && !curve.discharge.isEmpty)
        }
    }
}
