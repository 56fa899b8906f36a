import Foundation

/// An executor that runs its jobs, one at a time, on a thread of its own.
///
/// A connection actor that makes blocking system calls (`poll(2)`, `read(2)`,
/// a C library that waits on a socket) uses it as its serial executor, so a
/// wait for a slow device parks this thread, never a thread of Swift's
/// cooperative pool, where a handful of stuck devices would starve every other
/// task. As a task executor it also keeps a simulated device responsive (its
/// code and the default actors it calls run here) however busy the pool is.
public final class DedicatedThreadExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    // `jobs` and `stopping` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    public init(name: String) {
        let thread = Thread { [self] in
            nameCurrentThread(name)
            runLoop()
        }
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

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs it has and exit. Called when the owner goes away.
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch {
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
