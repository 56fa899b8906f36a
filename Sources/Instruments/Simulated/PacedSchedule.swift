/// When a paced bench hands over each sample: at the clock time its simulated
/// time maps to, counted from a fixed start.
///
/// A real instrument samples on its own clock, however late the host reads.
/// Sleeping a sample interval after each sample instead would add every late
/// wake-up and every moment the consumer spent on a sample to the run, so a
/// busy machine would slow the cells it simulates. On the schedule, time lost
/// is made up on the next samples. A consumer that stopped asking for longer
/// than `longestCatchUp` (a paused job, a gap between steps) starts a new
/// schedule instead of getting the missed time as a burst.
struct PacedSchedule: Sendable {
    static let longestCatchUp: Duration = .seconds(1)

    /// Simulated seconds per clock second.
    let speed: Double
    /// Clock time since the schedule was made.
    private let elapsed: @Sendable () -> Duration
    /// A clock time and the simulated time due then.
    private var anchor: (clock: Duration, simulated: Double)?

    init(speed: Double, clock: some Clock<Duration>) {
        self.speed = speed
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
    }

    /// How long to wait before the cell, now at simulated time `current`,
    /// may be seen at `next`.
    mutating func delay(from current: Double, to next: Double) -> Duration {
        let now = elapsed()
        if let anchor, now - due(current, after: anchor) <= Self.longestCatchUp {
            return max(.zero, due(next, after: anchor) - now)
        }
        anchor = (now, current)
        return .seconds((next - current) / speed)
    }

    private func due(_ simulated: Double, after anchor: (clock: Duration, simulated: Double)) -> Duration {
        anchor.clock + .seconds((simulated - anchor.simulated) / speed)
    }
}
