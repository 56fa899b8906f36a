import Foundation
import Synchronization

/// Where a channel's job puts what it records, without waiting: appends take
/// a lock for a moment, and the `StoreWriter` drains the journal into the
/// database at least every `StoreWriter.flushInterval`.
///
/// Only what a checkpoint covers is handed to the writer: samples and events
/// recorded after the newest checkpoint wait for the next one (the executor
/// makes one at least every `ProtocolExecutor.checkpointInterval`), so the
/// stored checkpoint always matches the stored samples and a job resumed
/// after a crash neither repeats nor skips a sample. `seal()` hands over the
/// rest when a job ends.
public final class ChannelJournal: Sendable {
    public let channel: String
    private let state = Mutex(State())
    private let written = Mutex(0)
    private let limit = Atomic(StoreWriter.backlogBudget)

    private struct State {
        var ready = JournalBatch()
        var tail = JournalBatch()
        /// A written batch's sample array, emptied, for the next tail: at
        /// simulation speed a checkpoint's samples fill hundreds of kilobytes,
        /// which a fresh array would map, fault in page by page and copy as
        /// it grows, every checkpoint.
        var spare: [PendingSample] = []
        /// Jobs waiting in `waitForRoom()` for the writer to take the ready batch.
        var waiting: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        var nextWaiter: UInt64 = 0
    }

    public init(channel: String) {
        self.channel = channel
    }

    public func append(_ sample: PendingSample) {
        state.withLock { $0.tail.samples.append(sample) }
    }

    public func append(_ event: PendingEvent) {
        state.withLock { $0.tail.events.append(event) }
    }

    /// An operator's action (an alarm acknowledged, a job stopped while
    /// paused): no checkpoint covers it, so it goes to the writer at once.
    public func appendAction(_ event: PendingEvent) {
        state.withLock { $0.ready.events.append(event) }
    }

    /// The job's position, covering everything appended before it.
    public func setCheckpoint(job: Int64, json: Data, unixTime: Double) {
        state.withLock {
            Self.handOver(&$0)
            $0.ready.checkpoint = (job, json, unixTime)
        }
    }

    /// Hands over everything, checkpoint or not: the job has ended.
    public func seal() {
        state.withLock { Self.handOver(&$0) }
    }

    /// Moves the tail's samples and events to the end of `ready`: the arrays
    /// themselves when the writer has taken everything before (the usual
    /// case), so the samples are not copied, and the tail goes on in the
    /// spare array (or in its own, emptied, when it was copied).
    private static func handOver(_ state: inout State) {
        if state.ready.samples.isEmpty {
            swap(&state.ready.samples, &state.tail.samples)
            swap(&state.tail.samples, &state.spare)
        } else {
            state.ready.samples += state.tail.samples
            state.tail.samples.removeAll(keepingCapacity: true)
        }
        if state.ready.events.isEmpty { swap(&state.ready.events, &state.tail.events) } else { state.ready.events += state.tail.events }
        state.tail.events = []
    }

    /// How many checkpointed samples wait for the writer. (Those after the
    /// newest checkpoint are not counted: they wait for the job's next
    /// checkpoint, which a job held back by this count would never make.)
    public var backlog: Int {
        state.withLock { $0.ready.samples.count }
    }

    /// How many of the channel's samples the writer has stored since the daemon started.
    public var samplesWritten: Int { written.withLock { $0 } }

    /// Counts the samples the writer stored, and keeps their array, emptied,
    /// for a later tail (the larger of it and the spare already kept: a
    /// journal then holds at most its ready batch, its tail and one spare).
    /// The writer hands over its only reference, so emptying keeps the
    /// array's memory.
    func didWrite(_ samples: consuming [PendingSample]) {
        written.withLock { $0 += samples.count }
        samples.removeAll(keepingCapacity: true)
        state.withLock { state in
            if samples.capacity > state.spare.capacity { state.spare = samples }
        }
    }

    /// How large `backlog` may grow before the job should wait for the
    /// writer: the channel's share of `StoreWriter.backlogBudget`, so memory
    /// stays bounded however many channels outrun the database.
    public var backlogLimit: Int { limit.load(ordering: .relaxed) }

    func setBacklogLimit(_ samples: Int) {
        limit.store(samples, ordering: .relaxed)
    }

    /// Waits while `backlog` is over `backlogLimit`, until the writer takes
    /// the ready batch (it wakes the waiting job then, rather than the job
    /// polling), or the task is cancelled.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while it waits.
    public func waitForRoom() async throws {
        guard backlog > backlogLimit else { return }
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumption = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    guard state.ready.samples.count > backlogLimit else { return .success(()) }
                    state.waiting[id] = continuation
                    return nil
                }
                if let resumption { continuation.resume(with: resumption) }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// Takes what is ready to be written, and wakes the jobs waiting for room.
    func drain() -> JournalBatch {
        let (batch, waiting) = state.withLock { state in
            defer {
                state.ready = JournalBatch()
                state.waiting = [:]
            }
            return (state.ready, state.waiting.values)
        }
        for continuation in waiting { continuation.resume() }
        return batch
    }

    /// Puts a batch that could not be written back in front of what became ready since.
    func restore(_ batch: JournalBatch) {
        state.withLock { state in
            var merged = batch
            merged.samples += state.ready.samples
            merged.events += state.ready.events
            merged.checkpoint = state.ready.checkpoint ?? batch.checkpoint
            state.ready = merged
        }
    }
}
