import Foundation

/// Runs `body` every `interval` on a thread of its own until stopped: the
/// timer behind "on disk within a second". Swift's own timers fire from the
/// cooperative pool (on Linux, Dispatch shares its threads), which a busy
/// process can keep waiting for seconds; this thread waits by itself.
public final class RepeatingThread: Sendable {
    private let pacer = Pacer()
    private let finished = Pacer()

    public init(name: String, interval: Duration, body: @escaping @Sendable () -> Void) {
        let pacer = pacer, finished = finished
        let thread = Thread {
            nameCurrentThread(name)
            while pacer.wait(for: interval) { body() }
            finished.cancel()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the repetition and waits until a `body` under way has returned.
    public func stop() {
        pacer.cancel()
        while finished.wait(for: .milliseconds(50)) {}
    }
}
