import Synchronization
import Testing
@testable import Instruments

/// A paced bench keeps to its schedule: late wake-ups are made up, a long
/// silence starts a new schedule.
@Suite struct PacedScheduleTests {
    /// A clock the test moves by hand.
    final class HandClock: Clock, Sendable {
        private let elapsed = Mutex(Duration.zero)
        var now: ContinuousClock.Instant { elapsed.withLock { base + $0 } }
        var minimumResolution: Duration { .nanoseconds(1) }
        private let base = ContinuousClock.now
        func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
        func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {}
    }

    @Test func aLateWakeUpIsMadeUpOnTheNextSample() {
        let clock = HandClock()
        var schedule = PacedSchedule(speed: 100, clock: clock)
        #expect(schedule.delay(from: 0, to: 1) == .milliseconds(10))
        clock.advance(.milliseconds(14)) // woke 4 ms late
        #expect(schedule.delay(from: 1, to: 2) == .milliseconds(6))
        clock.advance(.milliseconds(6))
        clock.advance(.milliseconds(25)) // a consumer busy for 2.5 samples
        #expect(schedule.delay(from: 2, to: 3) == .zero)
        #expect(schedule.delay(from: 3, to: 4) == .zero)
        #expect(schedule.delay(from: 4, to: 5) == .milliseconds(5))
    }

    @Test func aConsumerSilentForLongerThanTheCatchUpStartsANewSchedule() {
        let clock = HandClock()
        var schedule = PacedSchedule(speed: 100, clock: clock)
        _ = schedule.delay(from: 0, to: 1)
        clock.advance(.milliseconds(10))
        clock.advance(PacedSchedule.longestCatchUp + .milliseconds(500)) // a paused job
        #expect(schedule.delay(from: 1, to: 2) == .milliseconds(10))
        clock.advance(.milliseconds(10))
        #expect(schedule.delay(from: 2, to: 3) == .milliseconds(10))
    }
}
