/// An open-circuit voltage table learned from a measurement, on an even SOC grid.
public struct LearnedOpenCircuit: Sendable, Equatable {
    public enum Method: String, Sendable {
        /// The mean of a slow charge's and discharge's voltage at each SOC.
        case slowCycle = "slow cycle"
        /// The relaxed voltage at the end of each GITT rest.
        case gitt = "GITT"
    }

    public var method: Method
    /// 0 … 1, evenly spaced.
    public var stateOfCharge: [Double]
    /// V.
    public var voltage: [Double]
    /// The charge between the cut-offs the table spans (C).
    public var capacity: Double
}

/// Learns a cell's OCV(SOC) from a slow full cycle or a GITT run.
///
/// A slow cycle's charge reads above the OCV and its discharge below, by
/// about the same overpotential at the same current; their mean at each SOC
/// cancels it. A GITT run rests after each pulse until the cell relaxes, so
/// the last reading of each rest is the OCV at the charge passed so far.
/// SOC runs from 0 at the lower cut-off to 1 at the upper one, over the
/// charge of the half-cycle (or the GITT direction) that spans them.
public enum OpenCircuitLearning {
    /// Learns from `samples`, choosing GITT when the record rests between
    /// pulses of one direction at least `minimumRests` times.
    ///
    /// - Parameter points: the grid size (101 gives SOC steps of 0.01).
    /// - Throws: `AnalysisError` when the record holds neither a full charge
    ///   and discharge nor a GITT train.
    public static func learn(_ samples: [TraceSample], points: Int = 101, minimumRests: Int = 5) throws(AnalysisError) -> LearnedOpenCircuit {
        try samples.validateTrace(minimumCount: 4)
        guard points >= 2 else { throw AnalysisError(.invalidParameter, "the OCV table needs at least 2 points", field: "points") }
        let peak = samples.map { abs($0.current) }.max() ?? 0
        guard peak > 0 else { throw AnalysisError(.noSignal, "no current flows: nothing to learn an OCV from", field: "current") }
        let halves = halfCycles(samples, rest: 1e-3 * peak)
        let grid = (0..<points).map { Double($0) / Double(points - 1) }
        if let gitt = halves.first(where: { $0.rests.count >= minimumRests }) {
            return try fromGITT(gitt, grid: grid)
        }
        // The last charge that starts at the bottom (after a discharge, or the record's first), and the discharge after it.
        guard let c = halves.indices.last(where: { halves[$0].sign > 0 && $0 + 1 < halves.count && halves[$0 + 1].sign < 0 }) else {
            throw AnalysisError(.noSignal, "the record needs a full charge followed by a full discharge (a slow cycle), "
                                    + "or a GITT train of pulses and rests", field: "current")
        }
        let charge = halves[c], discharge = halves[c + 1]
        let up = curve(charge, rising: true), down = curve(discharge, rising: false)
        let voltage = try grid.map { (soc) throws(AnalysisError) in (try interpolate(up, at: soc) + interpolate(down, at: soc)) / 2 }
        return LearnedOpenCircuit(method: .slowCycle, stateOfCharge: grid, voltage: voltage, capacity: discharge.charge)
    }

    /// One direction of current, with the rests inside it.
    struct HalfCycle {
        var sign: Double
        /// Cumulative charge (C, positive) and voltage of each reading under current.
        var q: [Double] = []
        var v: [Double] = []
        /// Charge passed and last voltage of each rest.
        var rests: [(q: Double, v: Double)] = []
        var charge: Double { q.last ?? 0 }
    }

    static func halfCycles(_ s: [TraceSample], rest: Double) -> [HalfCycle] {
        var halves: [HalfCycle] = []
        var resting = false
        for k in s.indices {
            let i = s[k].current
            let dt = s.interval(at: k)
            if abs(i) <= rest {
                if var last = halves.popLast() {
                    if resting { last.rests[last.rests.count - 1].v = s[k].voltage } else { last.rests.append((last.charge, s[k].voltage)) }
                    halves.append(last)
                }
                resting = true
                continue
            }
            let sign: Double = i > 0 ? 1 : -1
            if halves.last?.sign != sign { halves.append(HalfCycle(sign: sign)) }
            halves[halves.count - 1].q.append(halves[halves.count - 1].charge + abs(i) * dt)
            halves[halves.count - 1].v.append(s[k].voltage)
            resting = false
        }
        return halves
    }

    /// (SOC, V) along a half-cycle, SOC rising with time on charge, falling on discharge.
    static func curve(_ half: HalfCycle, rising: Bool) -> [(soc: Double, v: Double)] {
        let total = half.charge
        let points = zip(half.q, half.v).map { (soc: rising ? $0.0 / total : 1 - $0.0 / total, v: $0.1) }
        return points.sorted { $0.soc < $1.soc }
    }

    static func fromGITT(_ half: HalfCycle, grid: [Double]) throws(AnalysisError) -> LearnedOpenCircuit {
        let total = half.charge
        let rising = half.sign > 0
        let points = half.rests.map { (soc: rising ? $0.q / total : 1 - $0.q / total, v: $0.v) }.sorted { $0.soc < $1.soc }
        // The ends the train never rested at are read off the nearest rests, not extrapolated.
        let voltage = try grid.map { (soc) throws(AnalysisError) in
            try interpolate(points, at: min(max(soc, points[0].soc), points[points.count - 1].soc))
        }
        return LearnedOpenCircuit(method: .gitt, stateOfCharge: grid, voltage: voltage, capacity: total)
    }

    /// Linear interpolation in a curve sorted by SOC.
    static func interpolate(_ curve: [(soc: Double, v: Double)], at soc: Double) throws(AnalysisError) -> Double {
        guard let first = curve.first, let last = curve.last, curve.count >= 2 else {
            throw AnalysisError(.tooFewPoints, "a half-cycle needs at least 2 readings under current", field: "current")
        }
        if soc <= first.soc { return first.v }
        if soc >= last.soc { return last.v }
        var lo = 0, hi = curve.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if curve[mid].soc <= soc { lo = mid } else { hi = mid }
        }
        let a = curve[lo], b = curve[hi]
        return b.soc == a.soc ? a.v : a.v + (b.v - a.v) * (soc - a.soc) / (b.soc - a.soc)
    }
}
