import Foundation
import Synchronization

/// Drains every channel's journal into the store, one transaction per channel
/// per `flush()`; the daemon calls it every `flushInterval` from a thread of
/// its own, so a sample the engine saw is on disk within a second.
///
/// A round that cannot write (a full disk, a read-only file) keeps the batch
/// in its journal, nothing is lost, and reports the failure through
/// `onFailure`, once until writing works again, so the daemon can stop its
/// channels safely.
public final class StoreWriter: Sendable {
    public static let flushInterval = Duration.milliseconds(250)

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
            return journal
        }
    }

    /// Writes whatever every journal holds now.
    @discardableResult
    public func flush() -> Bool {
        var ok = true
        for journal in journals.withLock({ $0 }) {
            let batch = journal.drain()
            guard !batch.isEmpty else { continue }
            do {
                try store.append(batch, channel: journal.channel)
                journal.didWrite(batch)
            } catch {
                journal.restore(batch)
                if !failing.withLock({ $0 }) { onFailure(error) }
                failing.withLock { $0 = true }
                ok = false
            }
        }
        if ok, failing.withLock({ failed in defer { failed = false }; return failed }) { onRecovery() }
        return ok
    }
}
