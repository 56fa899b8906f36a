import Foundation
import Synchronization

/// Drains every channel's journal into the store, all of them in one
/// transaction per `flush()` (with hundreds of channels a commit each would
/// cost more than their rows); the daemon calls it every `flushInterval`
/// from a thread of its own, so a sample the engine saw is on disk within a
/// second.
///
/// A round that cannot write (a full disk, a read-only file) keeps every
/// batch in its journal, nothing is lost, and reports the failure through
/// `onFailure`, once until writing works again, so the daemon can stop its
/// channels safely.
public final class StoreWriter: Sendable {
    public static let flushInterval = Duration.milliseconds(250)
    /// Most samples every journal together holds for the writer (about
    /// 100 bytes each); each journal gets an equal share, and no less than
    /// `minimumShare`.
    public static let backlogBudget = 100_000
    /// A round this large means channels are waiting on the writer: write the next at once.
    static let busyRound = 1_000
    static let minimumShare = 1_000

    public let store: Store
    private let journals = Mutex<[ChannelJournal]>([])
    /// Whether the last round failed (the failure was reported).
    private let failing = Mutex(false)
    private let onFailure: @Sendable (StorageError) -> Void
    private let onRecovery: @Sendable () -> Void

    /// - Parameters:
    ///   - onFailure: called when writing starts failing.
    ///   - onRecovery: called when it works again after failing.
    public init(store: Store, onFailure: @escaping @Sendable (StorageError) -> Void, onRecovery: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.onFailure = onFailure
        self.onRecovery = onRecovery
    }

    /// Opens the journal for `channel` (one per channel).
    public func journal(for channel: String) -> ChannelJournal {
        journals.withLock { journals in
            if let existing = journals.first(where: { $0.channel == channel }) { return existing }
            let journal = ChannelJournal(channel: channel)
            journals.append(journal)
            let share = max(Self.minimumShare, Self.backlogBudget / journals.count)
            for journal in journals { journal.setBacklogLimit(share) }
            return journal
        }
    }

    /// Writes whatever every journal holds now, in one transaction.
    @discardableResult
    public func flush() -> Bool {
        round() != nil
    }

    /// Writes rounds back to back while each is at least `busyRound`
    /// samples (channels at simulation speed outrun the database and wait
    /// for room, so a pause would only idle them), then returns; false when
    /// a round could not write. The daemon's writer thread calls this every
    /// `flushInterval`.
    @discardableResult
    public func flushWhileBusy() -> Bool {
        while true {
            guard let written = round() else { return false }
            if written < Self.busyRound { return true }
        }
    }

    /// One round: every journal's ready batch in one transaction; how many
    /// samples it wrote, or nil when it could not write.
    private func round() -> Int? {
        var drained = journals.withLock { $0 }.map { (journal: $0, batch: $0.drain()) }.filter { !$0.batch.isEmpty }
        do {
            if !drained.isEmpty { try store.append(drained.map { ($0.batch, $0.journal.channel) }) }
        } catch {
            for (journal, batch) in drained { journal.restore(batch) }
            if !failing.withLock({ $0 }) { onFailure(error) }
            failing.withLock { $0 = true }
            return nil
        }
        var written = 0
        for index in drained.indices {
            // The journal gets the round's only reference to its array back, to reuse.
            let samples = drained[index].batch.samples
            drained[index].batch.samples = []
            written += samples.count
            drained[index].journal.didWrite(samples)
        }
        if failing.withLock({ failed in defer { failed = false }; return failed }) { onRecovery() }
        return written
    }
}
