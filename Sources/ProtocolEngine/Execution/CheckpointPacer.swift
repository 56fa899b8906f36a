/// Decides when a checkpoint inside a step is due: once `interval` of the
/// clock has passed since the last one, looking at the clock only every
/// `stride` recorded samples.
///
/// A simulated bench records a sample in about a microsecond, and a clock
/// read per sample cost several percent of a fast run. The stride doubles
/// while that many samples take under 1/64 of the interval (up to
/// `longestStride`) and halves when they take over 1/16, so a checkpoint is
/// late by at most about 1/16 of the interval while samples arrive at a
/// steady rate. Whatever may slow them (a new step, a new sampling interval)
/// starts again from a stride of one; an instrument sampling at its own
/// pace (milliseconds apart or more) is looked at every sample or nearly.
struct CheckpointPacer<C: Clock> where C.Duration == Duration {
    var interval: Duration
    private var last: C.Instant?
    private var lastLook: C.Instant?
    private var stride = 1
    private var countdown = 1
    static var longestStride: Int { 1024 }

    init(interval: Duration) {
        self.interval = interval
    }

    /// A checkpoint was taken at `instant`.
    mutating func taken(at instant: C.Instant) {
        last = instant
    }

    /// Samples may come at another rate from now on: look at the clock on the next one.
    mutating func restart() {
        stride = 1
        countdown = 1
        lastLook = nil
    }

    /// Whether a checkpoint is due, `interval` after the last one; counts one sample.
    mutating func isDue(_ clock: C) -> Bool {
        countdown -= 1
        guard countdown <= 0 else { return false }
        let now = clock.now
        if let lastLook {
            let span = lastLook.duration(to: now)
            if span < interval / 64 {
                stride = min(2 * stride, Self.longestStride)
            } else if span > interval / 16 {
                stride = max(1, stride / 2)
            }
        }
        lastLook = now
        countdown = stride
        guard let last else { return true }
        return last.duration(to: now) >= interval
    }
}
