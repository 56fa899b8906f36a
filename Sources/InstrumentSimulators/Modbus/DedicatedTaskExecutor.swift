import Dispatch

/// A task executor on a private dispatch queue, for work that must keep
/// running when the cooperative pool is saturated.
///
/// A simulated device answers on its own thread and then reads the bench; if
/// that read waited for the pool, a busy process (a long test run, a
/// daemon's many channels) would make the device miss its response timeout.
/// Default actors (the bench) run a preferring task's jobs here too (SE-0417).
public final class DedicatedTaskExecutor: TaskExecutor {
    private let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
