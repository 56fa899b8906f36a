import Storage
import Synchronization

/// How far each channel's stored log reaches, read from the store ten times
/// a second by one thread for every client: a client that has caught up
/// waits on this, not on the database.
final class LogWatcher: Sendable {
    let store: Store
    private let latest = Mutex<[String: Int64]>([:])

    init(store: Store) {
        self.store = store
    }

    /// The channel's last stored sequence number (0 before it has stored anything).
    func lastSeq(_ channel: String) -> Int64 {
        latest.withLock { $0[channel] ?? 0 }
    }

    /// Reads the store again; a failed read keeps what was known (the store writer reports the fault).
    func refresh() {
        guard let sequences = try? store.lastSequences() else { return }
        latest.withLock { $0 = sequences }
    }
}
