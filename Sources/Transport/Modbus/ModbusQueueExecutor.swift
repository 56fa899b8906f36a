import Dispatch

/// A serial executor that runs an actor's jobs on its own dispatch queue.
///
/// libmodbus calls block for up to a response timeout; running them on a
/// private queue keeps them off Swift's cooperative thread pool, which has
/// only as many threads as cores (GRDB's `DispatchQueueActor` does the same).
final class ModbusQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
