import Foundation
import Synchronization

/// Drains every channel's journal into the store, one transaction per channel
/// per round, at least every `flushInterval`: a sample the engine saw is on
/// disk within a second.
///
/// A round that cannot write (a full disk, a read-only file) keeps the batch
/// in its journal, nothing is lost, and reports the failure through
/// `onFailure` so the daemon can stop its channels safely.
public final class StoreWriter: Sendable {
    public static let flushInterval = Duration.milliseconds(250)

    public let store: Store
    private let journals = Mutex<[ChannelJournal]>([])
    private let onFailure: @Sendable (StorageError) -> Void

    public init(store: Store, onFailure: @escaping @Sendable (StorageError) -> Void) {
        self.store = store
        self.onFailure = onFailure
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

    /// Writes until cancelled, then once more, so a graceful stop loses nothing.
    public func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.flushInterval)
            flush()
        }
        flush()
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
            } catch {
                journal.restore(batch)
                onFailure(error)
                ok = false
            }
        }
        return ok
    }
}
