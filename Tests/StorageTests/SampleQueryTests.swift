import Foundation
import Testing
@testable import Storage

/// Plots and analyses ask for samples by channel, job and time range; a plot
/// of a long job gets a few points per pixel without losing a spike.
@Suite struct SampleQueryTests {
    /// `count` samples of job `job` one second apart, voltage from `voltage`.
    static func batch(job: Int64, count: Int, voltage: (Int) -> Double) -> JournalBatch {
        JournalBatch(samples: (0..<count).map { k in
            PendingSample(job: job, time: Double(k), unixTime: 1_000 + Double(k), voltage: voltage(k), current: 1e-3, pressure: nil,
                          temperature: nil, step: 1, cycle: 0, stepTime: Double(k), stepCharge: 1e-3 * Double(k))
        })
    }

    @Test func aRangeSelectsByChannelJobAndJobTime() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        try store.append(Self.batch(job: 1, count: 100) { _ in 3.7 }, channel: "ch1")
        try store.append(Self.batch(job: 2, count: 50) { _ in 3.6 }, channel: "ch2")
        try store.append(Self.batch(job: 3, count: 20) { _ in 3.5 }, channel: "ch1")

        #expect(try store.samples(SampleRange(job: 1)).count == 100)
        #expect(try store.samples(SampleRange(channel: "ch1")).count == 120, "a channel's samples span its jobs")
        let window = try store.samples(SampleRange(job: 1, from: 10, to: 19.5))
        #expect(window.map(\.time) == (10...19).map(Double.init), "both ends are inclusive")
        #expect(try store.samples(SampleRange(channel: "ch2", job: 1)).isEmpty)
        #expect(try store.samples(SampleRange(channel: "ch1", from: 15)).map(\.seq) == Array(16...100) + Array(116...120))
    }

    @Test func decimationKeepsEveryBucketsLowestAndHighestVoltage() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        // A gentle ramp with a one-sample short (a dendrite's drop) and a one-sample overshoot.
        let drop = 4_321, spike = 7_777
        try store.append(Self.batch(job: 1, count: 10_000) { k in
            k == drop ? 0.2 : k == spike ? 4.9 : 3.5 + 1e-5 * Double(k)
        }, channel: "ch1")

        let plotted = try store.samples(SampleRange(job: 1), maxPoints: 200)
        #expect(plotted.count <= 200 && plotted.count >= 150)
        #expect(plotted.contains { $0.time == Double(drop) && $0.voltage == 0.2 }, "the drop survives")
        #expect(plotted.contains { $0.time == Double(spike) && $0.voltage == 4.9 }, "the overshoot survives")
        #expect(plotted.map(\.seq) == plotted.map(\.seq).sorted(), "points stay in recorded order")
        #expect(plotted.first?.time == 0 && plotted.last?.time == 9_999, "a monotonic ramp keeps its ends")
        #expect(Set(plotted.map(\.seq)).count == plotted.count, "a bucket's min and max are one point when they coincide")
    }

    @Test func decimationReturnsEverySampleWhenThereAreFewEnough() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        try store.append(Self.batch(job: 1, count: 120) { k in 3.5 + 0.01 * Double(k % 7) }, channel: "ch1")
        #expect(try store.samples(SampleRange(job: 1), maxPoints: 500) == store.samples(SampleRange(job: 1)))
        let window = try store.samples(SampleRange(job: 1, from: 20, to: 79), maxPoints: 20)
        #expect(window.count <= 20 && window.allSatisfy { (20...79).contains($0.time) }, "decimation keeps to the range")
    }
}

/// A client that reconnects with the last `seq` it saw gets exactly the rest of the log.
@Suite struct EventQueryTests {
    @Test func eventsAfterASequenceNumberByChannelAndByJob() throws {
        let store = try StoreTests.temporaryStore(jobsOn: ["ch1", "ch2", "ch1"])
        var batch = SampleQueryTests.batch(job: 1, count: 3) { _ in 3.7 }
        batch.events = (0..<4).map { k in
            PendingEvent(job: k < 3 ? 1 : nil, time: Double(k) + 0.5, unixTime: 1_000.5 + Double(k), kind: "stepStarted", body: "{}")
        }
        try store.append(batch, channel: "ch1")
        try store.append(JournalBatch(events: [PendingEvent(job: 2, time: 0, unixTime: 2_000, kind: "jobStarted", body: "{}")]),
                         channel: "ch2")

        // ch1's log: sample 1, event 2, sample 3, event 4, sample 5, event 6, event 7 (no job).
        #expect(try store.events(channel: "ch1", after: 0).map(\.seq) == [2, 4, 6, 7])
        #expect(try store.events(channel: "ch1", after: 4).map(\.seq) == [6, 7])
        #expect(try store.events(channel: "ch1", after: 0, limit: 2).map(\.seq) == [2, 4])
        #expect(try store.events(job: 1, after: 2).map(\.seq) == [4, 6], "the job's events, not the channel's")
        #expect(try store.events(channel: "ch1", after: 7).isEmpty)
        #expect(try store.events(channel: "ch2", after: 0).map(\.kind) == ["jobStarted"])
    }
}
