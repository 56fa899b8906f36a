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
    private let state = Mutex((ready: JournalBatch(), tail: JournalBatch()))
    private let written = Mutex(0)
    private let limit = Atomic(StoreWriter.backlogBudget)

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
            Self.handOver(&$0.tail, to: &$0.ready)
            $0.ready.checkpoint = (job, json, unixTime)
        }
    }

    /// Hands over everything, checkpoint or not: the job has ended.
    public func seal() {
        state.withLock { Self.handOver(&$0.tail, to: &$0.ready) }
    }

    /// Moves the tail's samples and events to the end of `ready`: the arrays
    /// themselves when the writer has taken everything before (the usual
    /// case), so the samples are not copied.
    private static func handOver(_ tail: inout JournalBatch, to ready: inout JournalBatch) {
        if ready.samples.isEmpty { swap(&ready.samples, &tail.samples) } else { ready.samples += tail.samples }
        if ready.events.isEmpty { swap(&ready.events, &tail.events) } else { ready.events += tail.events }
        tail = JournalBatch()
    }

    /// How many checkpointed samples wait for the writer. (Those after the
    /// newest checkpoint are not counted: they wait for the job's next
    /// checkpoint, which a job held back by this count would never make.)
    public var backlog: Int {
        state.withLock { $0.ready.samples.count }
    }

    /// How many of the channel's samples the writer has stored since the daemon started.
    public var samplesWritten: Int { written.withLock { $0 } }

    func didWrite(_ batch: JournalBatch) {
        written.withLock { $0 += batch.samples.count }
    }

    /// How large `backlog` may grow before the job should wait for the
    /// writer: the channel's share of `StoreWriter.backlogBudget`, so memory
    /// stays bounded however many channels outrun the database.
    public var backlogLimit: Int { limit.load(ordering: .relaxed) }

    func setBacklogLimit(_ samples: Int) {
        limit.store(samples, ordering: .relaxed)
    }

    /// Takes what is ready to be written.
    func drain() -> JournalBatch {
        state.withLock { state in
            defer { state.ready = JournalBatch() }
            return state.ready
        }
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
