import Foundation
import Synchronization

/// A child process spoken to in lines: commands on its stdin, replies from its stdout.
///
/// Replies are collected by a thread of their own and awaited by polling, so
/// a test waiting for the child never blocks a cooperative-pool thread (the
/// emulated USB device in this process needs the pool to answer the child).
final class LineProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    private let replies = Replies()

    /// Lines read so far and whether the child closed its stdout.
    private final class Replies: Sendable {
        let lines = Mutex<[String]>([])
        let ended = Mutex(false)
    }

    init(executable: String, arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        let reading = stdout.fileHandleForReading
        let thread = Thread { [replies] in
            var pending = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                pending += chunk
                while let end = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                    pending = Data(pending[pending.index(after: end)...])
                    replies.lines.withLock { $0.append(line) }
                }
            }
            replies.ended.withLock { $0 = true }
        }
        thread.start()
    }

    /// Sends `command` and waits up to `timeout` for its reply line.
    /// The deadline only matters when something is broken; it is generous
    /// because a full parallel test run on two cores can starve the child.
    func ask(_ command: String, timeout: Duration = .seconds(60)) async throws -> String {
        input.write(Data((command + "\n").utf8))
        return try await nextLine(timeout: timeout, after: command)
    }

    /// The next line the child prints, waiting up to `timeout`.
    func nextLine(timeout: Duration = .seconds(60), after command: String = "(start)") async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let line = replies.lines.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return line }
            if replies.ended.withLock({ $0 }) { break }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw LineProcessError(command: command)
    }

    /// A test that fails half-way must not leave its child running.
    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Stops a child that serves until it is told to (SIGTERM).
    func terminate() async {
        process.terminate()
        _ = await finish()
    }

    /// Closes stdin and waits (without blocking the pool) for the child to exit.
    func finish() async -> Int32 {
        try? input.close()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        return process.terminationStatus
    }
}

struct LineProcessError: Error, CustomStringConvertible {
    var command: String
    var description: String { "no reply to \"\(command)\" from the child process" }
}
