import CyclerConfiguration
import LiveModel
import Storage
import Synchronization

/// The digests (`JobDigest`) of the jobs the plot routes were last asked
/// about: a dashboard refreshes a job's cycles, curves and resistance every
/// 10 s, and with its digest kept each refresh reads only what the job
/// stored since the last one.
final class JobDigests: Sendable {
    /// Jobs kept; the one used longest ago goes first.
    static let kept = 8
    private let store: Store
    private let digests = Mutex<[Int64: (digest: JobDigest, used: UInt64)]>([:])
    private let uses = Atomic<UInt64>(0)

    init(store: Store) {
        self.store = store
    }

    /// `job`'s digest, brought up to date. It reads the store: call it off the cooperative pool.
    func current(_ job: JobRecord) throws(StorageError) -> JobDigest {
        let id = job.id ?? 0
        var digest = digests.withLock { $0[id]?.digest } ?? JobDigest(job: id, channel: job.channel, restCurrent: Self.restCurrent(of: job))
        try digest.update(from: store)
        let used = uses.add(1, ordering: .relaxed).newValue
        digests.withLock { digests in
            // Two requests may bring it up to date at once: the further one stays.
            if digests[id].map({ $0.digest.throughSeq <= digest.throughSeq }) ?? true { digests[id] = (digest, used) }
            if digests.count > Self.kept, let oldest = digests.min(by: { $0.value.used < $1.value.used })?.key { digests[oldest] = nil }
        }
        return digest
    }

    /// The live model's own rest threshold for the job's cell, so the plotted rests are the ones the model saw.
    private static func restCurrent(of job: JobRecord) -> Double {
        JobPlotRoutes.cell(of: job).flatMap { try? LiveModelConfiguration(cell: $0).restCurrent } ?? 0
    }
}
