import Dispatch
import Foundation
import ProtocolEngine

/// Turns Ctrl-C (SIGINT) and SIGTERM into a stop request for the running job,
/// so the executor puts every output in its safe state before the process
/// exits, instead of the process dying with the cell driven.
///
/// A second signal while the job is stopping is ignored: the safe-state
/// commands are under way and must not be cut short.
final class SignalStop: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    // `received` is guarded by `lock`.
    private let lock = NSLock()
    private var received: String?

    init(control: JobControl) {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (source, name) in zip(sources, ["SIGINT", "SIGTERM"]) {
            source.setEventHandler { [weak self] in
                guard let self, self.record(name) else { return }
                FileHandle.standardError.write(Data("\n\(name): stopping the job; putting the outputs in their safe state…\n".utf8))
                control.stop(by: name, reason: "interrupted from the terminal or by the service manager")
            }
            source.resume()
        }
    }

    /// Remembers the first signal; false for any after it.
    private func record(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard received == nil else { return false }
        received = name
        return true
    }

    /// Stops listening, restores the default handlers, and returns the signal that stopped the job, if one did.
    func finish() -> String? {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        lock.lock()
        defer { lock.unlock() }
        return received
    }
}
