/// Critical current density from a Li|SE|Li plating/stripping ramp.
///
/// A CCD ramp holds each current density for a plating and a stripping
/// half-cycle, then steps it up. The trace is split into half-cycles (runs of
/// samples with one sign and one magnitude of current), and those into levels
/// (consecutive half-cycles at one magnitude). A short shows as the cell's
/// polarisation collapsing towards the short's ohmic line (DOMAIN.md §4), so a
/// half-cycle fails at the first sample where either
///
/// - the apparent resistance |V/I| falls below `collapseFraction` of the
///   largest seen so far in that half-cycle (a sudden collapse within a step), or of
///   the median of the last stable half-cycle (a cell already shorted when the
///   step began; checked after `settlingTime`, so the first readings of a step,
///   taken before the interfaces' double layers have charged, do not count), or
/// - |V| is below `voltageFloor` while current flows (near-zero overpotential).
///
/// The CCD is the last level completed without a short; the first failing
/// level and the time of the short are reported with it. Soft shorts that
/// recover still count: the first collapse is the failure.
public struct ShortCriterion: Sendable, Hashable {
    /// Fraction of the reference resistance below which the cell is shorted.
    public var collapseFraction: Double
    /// |V| (V) below which a cell carrying current is shorted.
    public var voltageFloor: Double
    /// Time after a half-cycle starts before comparing with earlier half-cycles (s).
    public var settlingTime: Double
    /// Relative change of |I| that starts a new half-cycle or level.
    public var currentTolerance: Double

    public init(collapseFraction: Double = 0.5, voltageFloor: Double = 0.2e-3, settlingTime: Double = 10,
                currentTolerance: Double = 0.02) {
        self.collapseFraction = collapseFraction
        self.voltageFloor = voltageFloor
        self.settlingTime = settlingTime
        self.currentTolerance = currentTolerance
    }
}

/// One plating or stripping half-cycle of a CCD ramp.
public struct CCDHalfCycle: Sendable, Hashable {
    public var start: Double
    public var end: Double
    /// Mean current (A), positive = plating on the working electrode.
    public var current: Double
    /// Median |V| (V) over the half-cycle: its overpotential.
    public var overpotential: Double
    /// Time of the short (s), if this half-cycle shorted.
    public var shortTime: Double?
}

/// One current density of the ramp.
public struct CCDLevel: Sendable, Hashable {
    /// |j| (A/m²).
    public var currentDensity: Double
    public var halfCycles: [CCDHalfCycle]
    public var isStable: Bool { halfCycles.allSatisfy { $0.shortTime == nil } }
    /// Median plating (I > 0) and stripping (I < 0) overpotentials (V), kept
    /// apart because stripping degrades first (DOMAIN.md §1).
    public var platingOverpotential: Double? { median(halfCycles.filter { $0.current > 0 }.map(\.overpotential)) }
    public var strippingOverpotential: Double? { median(halfCycles.filter { $0.current < 0 }.map(\.overpotential)) }
}

public struct CriticalCurrentDensityResult: Sendable, Hashable {
    public var levels: [CCDLevel]
    /// The CCD: the highest current density completed before the first short (A/m²); nil if the first level failed.
    public var lastStableCurrentDensity: Double?
    /// The first level that shorted (A/m²); nil if none did.
    public var firstFailingCurrentDensity: Double?
    /// When the first short happened (s).
    public var shortTime: Double?
    /// Charge plated per area before the short (C/m²): the DOE's cumulative figure.
    public var cumulativePlatedCharge: Double
}

public enum CriticalCurrentDensity {
    /// - Parameters:
    ///   - trace: the ramp, positive current plating on the working electrode.
    ///   - area: electrode area (m²).
    /// - Throws: `AnalysisError` for a bad trace, non-positive area, or a trace
    ///   with no current.
    public static func analyse(_ trace: [TraceSample], area: Double,
                               criterion: ShortCriterion = ShortCriterion()) throws(AnalysisError) -> CriticalCurrentDensityResult {
        guard area.isFinite, area > 0 else {
            throw AnalysisError(.invalidParameter, "area \(area) m² must be positive", field: "area")
        }
        guard criterion.collapseFraction > 0, criterion.collapseFraction < 1 else {
            throw AnalysisError(.invalidParameter, "collapse fraction \(criterion.collapseFraction) must lie between 0 and 1", field: "collapseFraction")
        }
        try trace.validateTrace(minimumCount: 2)
        let segments = halfCycles(trace, tolerance: criterion.currentTolerance)
        guard !segments.isEmpty else {
            throw AnalysisError(.noSignal, "no current flows in the trace: nothing was plated or stripped", field: "current")
        }
        var reference: Double?
        var levels: [CCDLevel] = []
        var shortTime: Double?
        var plated = 0.0
        for range in segments {
            let half = examine(trace, range, reference: reference, criterion: criterion)
            let density = abs(half.current) / area
            if let last = levels.last, abs(density - last.currentDensity) <= criterion.currentTolerance * last.currentDensity {
                levels[levels.count - 1].halfCycles.append(half)
            } else {
                levels.append(CCDLevel(currentDensity: density, halfCycles: [half]))
            }
            if let t = half.shortTime {
                shortTime = t
                plated += charge(trace, range, until: t) / area
                break
            }
            plated += charge(trace, range, until: .infinity) / area
            reference = medianResistance(trace, range)
        }
        let failing = levels.firstIndex { !$0.isStable }
        let stable = failing.map { levels[..<$0] } ?? levels[...]
        return CriticalCurrentDensityResult(
            levels: levels, lastStableCurrentDensity: stable.last?.currentDensity,
            firstFailingCurrentDensity: failing.map { levels[$0].currentDensity }, shortTime: shortTime,
            cumulativePlatedCharge: plated)
    }

    /// Index ranges of the half-cycles: runs of non-rest samples with one
    /// sign and a magnitude within `tolerance` of the run's first sample.
    static func halfCycles(_ trace: [TraceSample], tolerance: Double) -> [Range<Int>] {
        let peak = trace.map { abs($0.current) }.max() ?? 0
        guard peak > 0 else { return [] }
        let rest = 0.01 * peak
        var runs: [Range<Int>] = []
        var start: Int?
        for k in trace.indices {
            let i = trace[k].current
            if let s = start {
                let first = trace[s].current
                if abs(i) > rest, (i > 0) == (first > 0), abs(abs(i) - abs(first)) <= tolerance * abs(first) { continue }
                runs.append(s..<k)
                start = nil
            }
            if abs(i) > rest { start = k }
        }
        if let s = start { runs.append(s..<trace.count) }
        return runs
    }

    private static func examine(_ trace: [TraceSample], _ range: Range<Int>, reference: Double?,
                                criterion: ShortCriterion) -> CCDHalfCycle {
        let start = trace[range.lowerBound].time
        var runningMax = 0.0
        var shortTime: Double?
        for k in range {
            let s = trace[k]
            let r = abs(s.voltage / s.current)
            let collapsed = r < criterion.collapseFraction * runningMax
                || (s.time - start >= criterion.settlingTime && reference.map { r < criterion.collapseFraction * $0 } == true)
                || abs(s.voltage) < criterion.voltageFloor
            if collapsed { shortTime = s.time; break }
            runningMax = max(runningMax, r)
        }
        let currents = trace[range].map(\.current)
        return CCDHalfCycle(start: start, end: trace[range.upperBound - 1].time,
                            current: currents.reduce(0, +) / Double(currents.count),
                            overpotential: median(trace[range].map { abs($0.voltage) }) ?? 0, shortTime: shortTime)
    }

    private static func medianResistance(_ trace: [TraceSample], _ range: Range<Int>) -> Double? {
        median(trace[range].map { abs($0.voltage / $0.current) })
    }

    /// Charge (C) plated (positive current) in `range` up to `time`.
    private static func charge(_ trace: [TraceSample], _ range: Range<Int>, until time: Double) -> Double {
        var q = 0.0
        for k in range where trace[k].time <= time {
            q += max(0, trace[k].current) * trace.interval(at: k)
        }
        return q
    }
}

/// Median of `values`; nil when empty.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid]
}
