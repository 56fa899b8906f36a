import Dispatch
import Synchronization
import Transport

/// Runs async work from a thread that is not part of Swift's cooperative pool
/// (a socket's accept loop, umockdev's ioctl thread, libmodbus's server loop)
/// and waits for its result.
///
/// Those threads belong to a simulated device and must answer synchronously.
/// The work runs on the device's own `executor` thread rather than the
/// cooperative pool, so a busy pool cannot delay the device's answers.
enum BlockingBridge {
    static func run<T: Sendable>(on executor: DedicatedThreadExecutor, _ body: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        Task(executorPreference: executor) {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
