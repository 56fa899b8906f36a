import Synchronization
import Testing
@testable import ProtocolEngine

/// Checkpoints inside a step come once the interval has passed, without a
/// clock read per sample at simulation speed.
@Suite struct CheckpointPacerTests {
    /// A clock that moves only when told, and counts how often it is read.
    final class SteppedClock: Clock, Sendable {
        private let state = Mutex((offset: Duration.zero, reads: 0))
        private let origin = ContinuousClock.now
        var now: ContinuousClock.Instant { state.withLock { $0.reads += 1; return origin + $0.offset } }
        var minimumResolution: Duration { .nanoseconds(1) }
        var reads: Int { state.withLock { $0.reads } }
        func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {}
        func advance(by duration: Duration) { state.withLock { $0.offset += duration } }
        /// Time since the clock was made.
        var elapsed: Duration { state.withLock { $0.offset } }
    }

    /// Feeds `count` samples `period` apart; returns when checkpoints were due.
    static func run(_ pacer: inout CheckpointPacer<SteppedClock>, _ clock: SteppedClock, count: Int, period: Duration) -> [Duration] {
        var due: [Duration] = []
        for _ in 0..<count {
            clock.advance(by: period)
            if pacer.isDue(clock) {
                pacer.taken(at: clock.now)
                due.append(clock.elapsed)
            }
        }
        return due
    }

    @Test func atSimulationSpeedTheClockIsReadRarelyAndCheckpointsComeOnTime() {
        let clock = SteppedClock()
        let interval = Duration.milliseconds(250)
        var pacer = CheckpointPacer<SteppedClock>(interval: interval)
        pacer.taken(at: clock.now)
        let due = Self.run(&pacer, clock, count: 2_000_000, period: .microseconds(1))
        #expect((7...8).contains(due.count))
        for (earlier, later) in zip([.zero] + due, due) {
            let gap = later - earlier
            #expect(gap >= interval && gap <= interval + interval / 16, "\(gap)")
        }
        #expect(clock.reads < 2_000_000 / 500)
    }

    @Test func atAnInstrumentsPaceEverySampleLooks() {
        let clock = SteppedClock()
        var pacer = CheckpointPacer<SteppedClock>(interval: .milliseconds(250))
        pacer.taken(at: clock.now)
        let due = Self.run(&pacer, clock, count: 100, period: .milliseconds(10))
        #expect(due == (1...4).map { .milliseconds(250 * $0) })
    }

    @Test func aRestartLooksAtTheNextSample() {
        let clock = SteppedClock()
        var pacer = CheckpointPacer<SteppedClock>(interval: .seconds(1))
        pacer.taken(at: clock.now)
        _ = Self.run(&pacer, clock, count: 100_000, period: .microseconds(1))
        pacer.restart()
        let due = Self.run(&pacer, clock, count: 2, period: .seconds(1))
        #expect(due == [.milliseconds(1100), .milliseconds(2100)])
    }
}
