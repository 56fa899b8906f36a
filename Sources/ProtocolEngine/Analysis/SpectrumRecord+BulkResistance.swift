import Electrochemistry
import Numerics

extension SpectrumRecord {
    /// The bulk resistance (Ω): the high-frequency intercept, when the
    /// spectrum resolves it; nil when it does not.
    ///
    /// The intercept is only measured if −Im rises from the top of the window
    /// towards the first arc's apex: the apex is inside the window (the circle
    /// through the arc's upper half then extrapolates to the axis), or the
    /// sweep starts on the axis. When −Im only falls from the top frequency
    /// down, the apex lies above the window and the first point's real part
    /// still holds most of that arc: it would read a grain-boundary-laden
    /// resistance as bulk.
    var bulkResistance: Double? {
        let sorted = points.sorted { $0.frequency > $1.frequency }
        let y = sorted.map { -$0.impedance.imaginary }
        guard let first = y.firstIndex(where: { $0 > 0 }), first + 1 < y.count, y[first + 1] > y[first] else { return nil }
        return HighFrequencyIntercept.estimate(sorted).flatMap { $0 > 0 ? $0 : nil }
    }
}
