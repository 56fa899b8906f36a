import Foundation
import Synchronization
import Testing
@testable import Storage

/// The journal hands the writer only what a checkpoint covers, so a stored
/// checkpoint always matches the stored samples.
@Suite struct ChannelJournalTests {
    static func sample(_ time: Double, job: Int64 = 1) -> PendingSample {
        PendingSample(job: job, time: time, unixTime: 1_000 + time, voltage: 3.7, current: 1e-3, pressure: nil, temperature: 298,
                      step: 1, cycle: 0, stepTime: time, stepCharge: time * 1e-3)
    }

    @Test func samplesAfterTheNewestCheckpointWaitForTheNext() {
        let journal = ChannelJournal(channel: "ch1")
        journal.append(Self.sample(1))
        journal.append(Self.sample(2))
        #expect(journal.drain().isEmpty, "nothing is covered by a checkpoint yet")
        journal.setCheckpoint(job: 1, json: Data("{}".utf8), unixTime: 1_002)
        journal.append(Self.sample(3))
        let batch = journal.drain()
        #expect(batch.samples.map(\.time) == [1, 2])
        #expect(batch.checkpoint?.unixTime == 1_002)
        journal.seal()
        #expect(journal.drain().samples.map(\.time) == [3], "a job that ended hands over the rest")
    }

    @Test func aBatchThatCouldNotBeWrittenGoesBackInFrontOfNewerOnes() {
        let journal = ChannelJournal(channel: "ch1")
        journal.append(Self.sample(1))
        journal.setCheckpoint(job: 1, json: Data("1".utf8), unixTime: 1)
        let failed = journal.drain()
        journal.append(Self.sample(2))
        journal.setCheckpoint(job: 1, json: Data("2".utf8), unixTime: 2)
        journal.restore(failed)
        let batch = journal.drain()
        #expect(batch.samples.map(\.time) == [1, 2])
        #expect(batch.checkpoint?.json == Data("2".utf8), "the newer checkpoint wins")
    }

    @Test func aWrittenBatchsArrayCarriesTheNextSamplesAndNothingOfItsOwn() {
        let journal = ChannelJournal(channel: "ch1")
        journal.append(Self.sample(1))
        journal.setCheckpoint(job: 1, json: Data("1".utf8), unixTime: 1)
        journal.didWrite(journal.drain().samples)
        journal.append(Self.sample(2))
        journal.setCheckpoint(job: 1, json: Data("2".utf8), unixTime: 2)
        journal.append(Self.sample(3))
        journal.setCheckpoint(job: 1, json: Data("3".utf8), unixTime: 3)
        journal.append(Self.sample(4))
        #expect(journal.drain().samples.map(\.time) == [2, 3])
        #expect(journal.samplesWritten == 1)
        journal.seal()
        #expect(journal.drain().samples.map(\.time) == [4])
    }

    final class Flag: Sendable {
        private let raised = Atomic(false)
        var isRaised: Bool { raised.load(ordering: .relaxed) }
        func raise() { raised.store(true, ordering: .relaxed) }
    }

    @Test func aJobWaitingForRoomGoesOnWhenTheWriterTakesTheBacklog() async throws {
        let journal = ChannelJournal(channel: "ch1")
        journal.setBacklogLimit(1)
        journal.append(Self.sample(1))
        journal.append(Self.sample(2))
        journal.setCheckpoint(job: 1, json: Data("{}".utf8), unixTime: 2)
        let wentOn = Flag()
        let waiter = Task {
            try await journal.waitForRoom()
            wentOn.raise()
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!wentOn.isRaised, "two samples wait for the writer, over the limit of one")
        _ = journal.drain()
        try await waiter.value
        #expect(wentOn.isRaised)
        try await journal.waitForRoom()
    }

    @Test func cancellingAJobWaitingForRoomEndsItsWait() async throws {
        let journal = ChannelJournal(channel: "ch1")
        journal.setBacklogLimit(0)
        journal.append(Self.sample(1))
        journal.setCheckpoint(job: 1, json: Data("{}".utf8), unixTime: 1)
        let waiter = Task { try await journal.waitForRoom() }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }
}

/// The store numbers each channel's documents in order and keeps checkpoints with the samples they cover.
@Suite struct StoreTests {
    static func temporaryStore() throws -> Store {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-store-\(UUID().uuidString)/test.sqlite").path
        return try Store(path: path)
    }

    /// A temporary store with a job on each of `channels` in turn (jobs 1, 2, …),
    /// as the scheduler makes one before the job records anything.
    static func temporaryStore(jobsOn channels: [String]) throws -> Store {
        let store = try temporaryStore()
        for channel in channels {
            _ = try store.insert(JobRecord(channel: channel, name: "t", protocolFile: "p.yaml", protocolText: "name: t",
                                           cellFile: "c.yaml", cellText: "name: c", submittedAt: 0))
        }
        return store
    }

    @Test func samplesAndEventsShareTheChannelsSequenceInTheOrderTheyHappened() throws {
        let store = try Self.temporaryStore()
        var job = try store.insert(JobRecord(channel: "ch1", name: "t", protocolFile: "p.yaml", protocolText: "name: t",
                                             cellFile: "c.yaml", cellText: "name: c", submittedAt: 0))
        let id = try #require(job.id)
        var batch = JournalBatch()
        batch.samples = [ChannelJournalTests.sample(1, job: id), ChannelJournalTests.sample(3, job: id)]
        batch.events = [PendingEvent(job: id, time: 2, unixTime: 1_002, kind: "stepStarted", body: "{}")]
        batch.checkpoint = (id, Data("{\"at\":3}".utf8), 1_003)
        try store.append(batch, channel: "ch1")
        try store.append(JournalBatch(samples: [ChannelJournalTests.sample(4, job: id)]), channel: "ch1")
        let samples = try store.samples(job: id)
        #expect(samples.map(\.seq) == [1, 3, 4])
        #expect(try store.events(job: id).map(\.seq) == [2])
        job = try #require(try store.job(id: id))
        #expect(job.checkpoint == Data("{\"at\":3}".utf8) && job.checkpointAt == 1_003)
        try store.setState(job: id, .completed, at: 2_000)
        #expect(try store.job(id: id)?.state == .completed && store.job(id: id)?.endedAt == 2_000)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-not-a-db-\(UUID().uuidString).sqlite").path
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("cyclerd database")
        }
    }
}
