import Foundation

/// A helper process a test talks to (a pymodbus peer, socat), stopped when the test ends.
///
/// Waiting for its "ready" line happens on a dispatch thread, never on the
/// cooperative pool, and is bounded.
final class ChildProcess: Sendable {
    let process: Process
    /// The lines it printed up to and including the one waited for.
    let startup: [String]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` and waits until a line on `stream` satisfies `ready`.
    ///
    /// - Parameters:
    ///   - fromStandardError: read the ready line from stderr (socat) rather than stdout.
    ///   - lines: how many matching lines to wait for (socat prints one per pty).
    static func start(_ executable: String, _ arguments: [String], fromStandardError: Bool = false,
                      lines: Int = 1, timeout: Double = 10, ready: @escaping @Sendable (String) -> Bool) async throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = fromStandardError ? FileHandle.nullDevice : pipe
        process.standardError = fromStandardError ? pipe : FileHandle.nullDevice
        try process.run()
        // A thread of its own: on Linux the global dispatch queue shares the
        // cooperative pool's few threads, and this read may block for seconds.
        let startup: [String]? = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: Self.read(pipe.fileHandleForReading, lines: lines, timeout: timeout, ready: ready))
            }.start()
        }
        guard let startup else {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) did not become ready within \(timeout) s")
        }
        return ChildProcess(process: process, startup: startup)
    }

    private init(process: Process, startup: [String]) {
        self.process = process
        self.startup = startup
    }

    /// Reads lines until `lines` of them satisfy `ready`, then keeps draining
    /// the pipe in the background so the child never blocks on a full pipe.
    private static func read(_ handle: FileHandle, lines: Int, timeout: Double, ready: (String) -> Bool) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = Data()
        var seen: [String] = []
        var matches = 0
        while matches < lines, Date() < deadline {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { return nil }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                seen.append(line)
                if ready(line) { matches += 1 }
            }
        }
        guard matches >= lines else { return nil }
        Thread { while !handle.availableData.isEmpty {} }.start()
        return seen
    }

    /// Stops it (SIGTERM) without waiting, so no pool thread blocks.
    func stop() {
        if process.isRunning { process.terminate() }
    }

    deinit { stop() }
}
