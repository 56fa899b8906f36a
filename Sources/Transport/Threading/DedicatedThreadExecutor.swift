/// A serial executor that runs its jobs on one thread of its own.
///
/// Device connections make blocking C calls (`poll(2)`, `libusb_bulk_transfer`)
/// that must never run on Swift's cooperative pool: two stuck calls would starve
/// every other task on a two-core machine. An actor whose `unownedExecutor` is
/// one of these runs all its methods on that thread, so a blocking call only
/// ever blocks its own connection (GRDB's DispatchQueueActor, without Dispatch's
/// serial-queue executor, which Linux lacks).
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private var thread: JobThread!

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    public init(name: String) {
        thread = JobThread(name: name) { [unowned self] job in job.runSynchronously(on: asUnownedSerialExecutor()) }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        thread.enqueue(UnownedJob(job))
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs already queued, then exit. The owner
    /// calls this from its `deinit`.
    public func shutdown() { thread.shutdown() }
}

/// A task executor on one thread of its own: a task started with it as its
/// preference runs there, default actors it calls included, never on the
/// cooperative pool.
///
/// A simulated device answers its wire from such a thread, so a test suite
/// that keeps the pool busy with CPU-heavy work cannot make the device miss
/// the driver's deadline.
public final class DedicatedThreadTaskExecutor: TaskExecutor, @unchecked Sendable {
    private var thread: JobThread!

    public init(name: String) {
        thread = JobThread(name: name) { [unowned self] job in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        thread.enqueue(UnownedJob(job))
    }

    /// Lets the thread finish the jobs already queued, then exit.
    public func shutdown() { thread.shutdown() }
}
