import Foundation

/// A serial executor that runs its jobs on one thread of its own.
///
/// Device connections make blocking C calls (`poll(2)`, `libusb_bulk_transfer`)
/// that must never run on Swift's cooperative pool: two stuck calls would starve
/// every other task on a two-core machine. An actor whose `unownedExecutor` is
/// one of these runs all its methods on that thread, so a blocking call only
/// ever blocks its own connection (GRDB's DispatchQueueActor, without Dispatch's
/// serial-queue executor, which Linux lacks).
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    public init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs already queued, then exit. The owner
    /// calls this from its `deinit`.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
