import Foundation
import ProtocolEngine

/// One status line on standard error, redrawn at most ten times a second
/// when it is a terminal; silent otherwise, so logs stay clean.
final class ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDraw = ContinuousClock.now
    private let clock = ContinuousClock()

    func update(time: Double, voltage: Double, current: Double, step: StepInfo?) {
        let where_ = step.map { "step \($0.number) \($0.kind) (line \($0.line)) cycle \($0.cycle)" } ?? ""
        status(String(format: "%10.1f h  %8.4f V  %10.4f mA  %@", time / 3600, voltage, current * 1e3, where_))
    }

    /// Redraws the status line (on a terminal, at most ten times a second).
    func status(_ text: String) {
        guard isTerminal, lastDraw.duration(to: clock.now) > .milliseconds(100) else { return }
        lastDraw = clock.now
        FileHandle.standardError.write(Data(("\r" + text.padding(toLength: max(100, text.count), withPad: " ", startingAt: 0)).utf8))
    }

    /// A message on its own line.
    func print(_ message: String) {
        let prefix = isTerminal ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data("\(prefix)\(message)\n".utf8))
    }
}
