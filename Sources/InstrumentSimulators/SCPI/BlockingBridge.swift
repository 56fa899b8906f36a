import Dispatch
import Synchronization

/// Runs async work from a thread that is not part of Swift's cooperative pool
/// (a socket's accept loop, umockdev's ioctl thread) and waits for its result.
///
/// Those threads belong to a simulated device and must answer synchronously;
/// blocking them costs nothing, and the pool keeps running the actor they wait on.
enum BlockingBridge {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        Task {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
