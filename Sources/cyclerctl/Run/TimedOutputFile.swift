import Foundation
import Synchronization
import Transport

/// An output file whose buffer reaches the disk at least every `interval`,
/// however rarely rows arrive: a crash, or a cable pulled during a long rest,
/// loses at most that much of data.csv.
///
/// Rows are still written in chunks (see `OutputFile`); a thread of its own
/// (`RepeatingThread`, independent of a busy cooperative pool) flushes what
/// is buffered, under the lock the writer takes.
final class TimedOutputFile: Sendable {
    /// The file behind its lock, shared by the writer and the flushing task.
    private final class Locked: Sendable {
        let file: Mutex<OutputFile>
        init(_ file: sending OutputFile) { self.file = Mutex(file) }
    }

    private let locked: Locked
    private let flusher: RepeatingThread

    init(path: String, interval: Duration = .seconds(1)) throws {
        let locked = Locked(try OutputFile(path: path))
        self.locked = locked
        flusher = RepeatingThread(name: "data.csv flush", interval: interval) { locked.file.withLock { $0.flush() } }
    }

    func write(_ line: String) {
        locked.file.withLock { $0.write(line) }
    }

    func flush() {
        locked.file.withLock { $0.flush() }
    }

    deinit {
        flusher.stop()
    }
}
