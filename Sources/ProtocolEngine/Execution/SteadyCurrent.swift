/// Decides when a polarisation current has stopped changing.
///
/// It compares the mean current over the last `window` with the mean over
/// the window before it: steady when they differ by less than `tolerance`
/// of the latest mean. Means, not single readings, because steady currents
/// of blocking cells are nanoamperes and single readings are mostly noise.
struct SteadyCurrent {
    let window: Double
    let tolerance: Double
    private var times: [Double] = []
    /// Running sums of the currents: `sums[i]` is the sum of the first i readings.
    private var sums: [Double] = [0]
    private var recentStart = 0
    private var previousStart = 0

    init(window: Double, tolerance: Double) {
        self.window = window
        self.tolerance = tolerance
    }

    /// Takes a reading `time` seconds into the hold; true once two full windows agree.
    mutating func isSteady(after time: Double, current: Double) -> Bool {
        times.append(time)
        sums.append(sums[sums.count - 1] + current)
        let last = times.count - 1
        while recentStart < last, time - times[recentStart] > window { recentStart += 1 }
        while previousStart < recentStart, times[recentStart] - times[previousStart] > window { previousStart += 1 }
        guard recentStart > previousStart, time >= 2 * window * 0.999 else { return false }
        let recent = (sums[last + 1] - sums[recentStart]) / Double(last + 1 - recentStart)
        let previous = (sums[recentStart] - sums[previousStart]) / Double(recentStart - previousStart)
        return abs(recent - previous) <= tolerance * abs(recent)
    }
}
