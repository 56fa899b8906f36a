/// Learns a cell's OCV(SOC) curve from a run made for the purpose, so it can
/// be stored in the cell file (`OpenCircuitCurve.table`).
///
/// - A slow cycle (C/20 or slower): the charge and discharge branches,
///   matched at equal charge, averaged. Their IR drops (and a symmetric
///   hysteresis) cancel; SOC is charge over the discharge capacity.
/// - GITT: the voltage at the end of each rest long enough to relax, against
///   the charge passed before it.
public enum OpenCircuitLearner {
    /// Points in a learned table.
    public static let tablePoints = 51

    /// From a slow full cycle: samples covering a charge and a discharge
    /// between the cut-offs, in either order.
    ///
    /// - Throws: `LiveModelError.cannotLearnOpenCircuit` when the run has no
    ///   full charge and discharge, or the result does not rise with SOC.
    public static func fromSlowCycle(_ samples: [Measurement], restCurrent: Double) throws(LiveModelError) -> OpenCircuitCurve {
        var charge = 0.0
        var up: [(q: Double, v: Double)] = [], down: [(q: Double, v: Double)] = []
        for (previous, sample) in zip(samples, samples.dropFirst()) {
            charge += sample.current * (sample.time - previous.time)
            if sample.current > restCurrent { up.append((charge, sample.voltage)) }
            if sample.current < -restCurrent { down.append((charge, sample.voltage)) }
        }
        guard let upLow = up.map(\.q).min(), let upHigh = up.map(\.q).max(),
              let downLow = down.map(\.q).min(), let downHigh = down.map(\.q).max() else {
            throw .cannotLearnOpenCircuit("the run needs both a charge and a discharge at a slow rate (C/20)")
        }
        let span = downHigh - downLow
        guard span > 0, upHigh - upLow > 0.8 * span else {
            throw .cannotLearnOpenCircuit("the charge moved \(upHigh - upLow) C but the discharge \(span) C; cycle fully both ways")
        }
        // Each branch as V against SOC measured from its own bottom.
        let charging = up.map { (($0.q - upLow) / span, $0.v) }.sorted { $0.0 < $1.0 }
        let discharging = down.map { (($0.q - downLow) / span, $0.v) }.sorted { $0.0 < $1.0 }
        var soc: [Double] = [], voltage: [Double] = []
        for k in 0..<tablePoints {
            let x = Double(k) / Double(tablePoints - 1)
            guard let a = interpolate(charging, at: x), let b = interpolate(discharging, at: x) else { continue }
            soc.append(x)
            voltage.append((a + b) / 2)
        }
        return try curve(soc, voltage)
    }

    /// From a GITT run: pulses separated by rests of at least `minimumRest` seconds.
    ///
    /// - Throws: `LiveModelError.cannotLearnOpenCircuit` for fewer than five
    ///   relaxed points, or a result that does not rise with SOC.
    public static func fromGITT(_ samples: [Measurement], restCurrent: Double, minimumRest: Double) throws(LiveModelError) -> OpenCircuitCurve {
        var charge = 0.0
        var points: [(q: Double, v: Double)] = []
        var restStart: Double?
        var last: Measurement?
        for (index, sample) in samples.enumerated() {
            if let previous = last { charge += sample.current * (sample.time - previous.time) }
            last = sample
            let resting = abs(sample.current) <= restCurrent
            if resting, restStart == nil { restStart = sample.time }
            let restEnds = !resting || index == samples.count - 1
            if restEnds, let start = restStart {
                let end = resting ? sample : samples[index - 1]
                if end.time - start >= minimumRest { points.append((charge - (resting ? 0 : sample.current * (sample.time - end.time)), end.voltage)) }
                restStart = nil
            }
        }
        guard points.count >= 5, let low = points.map(\.q).min(), let high = points.map(\.q).max(), high > low else {
            throw .cannotLearnOpenCircuit("found \(points.count) rests of at least \(minimumRest) s; GITT needs five or more")
        }
        let sorted = points.map { (($0.q - low) / (high - low), $0.v) }.sorted { $0.0 < $1.0 }
        var soc: [Double] = [], voltage: [Double] = []
        for (x, v) in sorted {
            if let previous = soc.last, x - previous < 1e-6 {
                voltage[voltage.count - 1] = (voltage[voltage.count - 1] + v) / 2
            } else {
                soc.append(x)
                voltage.append(v)
            }
        }
        return try curve(soc, voltage)
    }

    private static func curve(_ soc: [Double], _ voltage: [Double]) throws(LiveModelError) -> OpenCircuitCurve {
        guard soc.count >= 2, zip(voltage, voltage.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .cannotLearnOpenCircuit("the learned voltage does not rise with SOC; was the rate slow enough and the cell at rest between steps?")
        }
        return try OpenCircuitCurve(stateOfCharge: soc, voltage: voltage)
    }

    /// Linear interpolation in sorted (x, y); nil outside the data.
    private static func interpolate(_ points: [(Double, Double)], at x: Double) -> Double? {
        guard let first = points.first, let last = points.last, x >= first.0 - 1e-9, x <= last.0 + 1e-9 else { return nil }
        var lo = 0, hi = points.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if points[mid].0 <= x { lo = mid } else { hi = mid }
        }
        let (x0, y0) = points[lo], (x1, y1) = points[hi]
        return x1 > x0 ? y0 + (y1 - y0) * (x - x0) / (x1 - x0) : y0
    }
}
