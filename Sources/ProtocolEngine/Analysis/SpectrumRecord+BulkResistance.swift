import Electrochemistry
import Numerics

extension SpectrumRecord {
    /// The bulk resistance (Ω): the high-frequency intercept, when the
    /// spectrum measures it; nil when it does not.
    ///
    /// Where −Im rises from the top of the window, the first arc's apex is
    /// inside it and the intercept is read (or extrapolated along the arc's
    /// circle). Where −Im first falls, the top of the window is on the tail of
    /// an arc above it: if the real part hardly moves (1 %) down to the −Im
    /// minimum, that arc is far above (a bulk arc at GHz) and the top is at
    /// its intercept; if it moves more, the arc is just above the window (a
    /// warm oxide's grain boundaries at 1 MHz) and the top frequency's real
    /// part is neither bulk nor total, so nothing is read.
    var bulkResistance: Double? {
        let sorted = points.sorted { $0.frequency > $1.frequency }
        let x = sorted.map(\.impedance.real), y = sorted.map { -$0.impedance.imaginary }
        guard let first = y.firstIndex(where: { $0 > 0 }), first + 1 < y.count else { return nil }
        var minimum = first
        while minimum + 1 < y.count, y[minimum + 1] < y[minimum] { minimum += 1 }
        guard abs(x[minimum] - x[first]) <= 0.01 * abs(x[minimum]) else { return nil }
        return HighFrequencyIntercept.estimate(sorted).flatMap { $0 > 0 ? $0 : nil }
    }
}
