import Synchronization

/// Samples a simulated bench has computed ahead of its consumer, handed out
/// without a hop onto the bench's actor.
///
/// At maximum speed the hop per sample costs as much as a step of the cell,
/// so the bench computes several samples at once. The consumer takes them
/// here; anything else that reaches the bench first settles the read-ahead
/// (the samples not taken are forgotten and the bench goes back to just
/// after the last one taken), so the bench behaves exactly as one that
/// computes each sample when asked.
final class SampleReadAhead: Sendable {
    private struct Pending {
        var samples: [Sample] = []
        var taken = 0
    }

    private let pending = Mutex(Pending())

    /// The next sample computed ahead, if any is left.
    func take() -> Sample? {
        pending.withLock { pending in
            guard pending.taken < pending.samples.count else { return nil }
            pending.taken += 1
            return pending.samples[pending.taken - 1]
        }
    }

    /// Hands out `samples`, in order, from now on.
    func offer(_ samples: [Sample]) {
        pending.withLock { $0 = Pending(samples: samples) }
    }

    /// Ends the read-ahead: how many samples were taken and how many were
    /// computed but not taken (and now never will be).
    func settle() -> (taken: Int, untaken: Int) {
        pending.withLock { pending in
            let counts = (pending.taken, pending.samples.count - pending.taken)
            pending = Pending()
            return counts
        }
    }
}
