/// One GITT pulse analysed by Weppner–Huggins.
public struct GITTPulse: Sendable, Hashable {
    /// When the current was switched on (s): the time of the last rest sample before it.
    public var start: Double
    /// Pulse length τ (s).
    public var duration: Double
    /// Mean current over the pulse (A), positive = charge.
    public var current: Double
    /// Relaxed OCV before the pulse (V).
    public var restVoltageBefore: Double
    /// ΔE_s: relaxed OCV after the following rest minus before the pulse (V).
    public var steadyStateChange: Double
    /// ΔE_t: the √t-linear part of the pulse transient, V(τ) − V(0⁺) from
    /// the fit of V against √(t − start), so the IR jump is left out (V).
    public var transientChange: Double
    /// Coefficient of determination of that √t fit: near 1 when the
    /// transient is the semi-infinite diffusion the method assumes.
    public var sqrtTimeRSquared: Double
    /// D/L² (s⁻¹): the inverse of the solid diffusion time L²/D, with L the
    /// diffusion length V/S (R/3 for a sphere, so D/R² is a ninth of it).
    /// Planar: 4/(π τ)·(ΔE_s/ΔE_t)²; a sphere: the value for which the
    /// sphere's exact response gives the same ΔE_s/ΔE_t over the same samples.
    public var normalisedDiffusivity: Double
    /// The particle shape the figure assumes.
    public var geometry: ParticleGeometry
    /// Charge passed from the trace's first sample to the pulse's start (C),
    /// positive = charge: where along the titration the pulse sits.
    public var chargeBefore: Double
    /// SOC at the pulse's start, when the analysis was given a capacity.
    public var stateOfChargeBefore: Double?

    /// τ·D/L²: the pulse's length against the diffusion time it measured.
    public var diffusionTimeFraction: Double { duration * normalisedDiffusivity }

    /// Whether τ ≪ L²/D holds well enough for the √t transient the method
    /// rests on; a longer pulse sees the particle's centre and biases D low.
    public var isShortAgainstDiffusionTime: Bool { diffusionTimeFraction <= GITTAnalysis.shortPulseLimit }

    /// D (m²/s) for a diffusion length `length` (m).
    public func diffusionCoefficient(length: Double) -> Double { normalisedDiffusivity * length * length }
}

/// Galvanostatic intermittent titration: D/L² per pulse by Weppner–Huggins in
/// its diffusion-length form,
///
///     D = 4 L² / (π τ) · (ΔE_s / ΔE_t)²,
///
/// which needs no molar volume or electrode area, only the trace. It holds
/// for planar diffusion with τ ≪ L²/D (the pulse sees semi-infinite
/// diffusion, so the transient is linear in √t) and for an OCV that is
/// close to linear over one pulse's ΔE_s. Each pulse must be followed by a
/// rest long enough to relax.
///
/// Spherical particles bend the transient upwards from the start (see
/// `ParticleGeometry`), so for them the ratio ΔE_s/ΔE_t is matched against
/// the sphere's exact surface response, fitted against √t over the same
/// samples as the data: the √t fit's own bias cancels, and the figure
/// holds for any pulse length.
///
/// The trace is split into pulses (runs of samples carrying at least half
/// the trace's largest |I|) and rests (the rest: an open circuit reads a
/// noise floor, not zero). A pulse counts when a rest precedes and follows
/// it and it has at least `minimumPulseSamples` samples; the transient's
/// first sample is left out of the √t fit, since the interfaces' double
/// layers may still be charging in it.
public enum GITTAnalysis {
    /// Samples a pulse needs: the first is skipped, and a √t line needs two more.
    public static let minimumPulseSamples = 3

    /// Largest τ·D/L² accepted as short. For exact finite-length planar
    /// diffusion Weppner–Huggins returns D/L² within 0.2 % at 0.2 and 1.4 %
    /// at 0.3, but 9 % low at 0.5 (GITTAnalysisTests checks the edge). The
    /// sphere's figure has no such bias, but a longer pulse tells less about
    /// D: ΔE_t goes as D^(−0.38) at 0.3 and D^(−0.29) at 0.9 instead of
    /// D^(−½), so errors in ΔE_s and ΔE_t count 1.3 and 1.7 times as much.
    public static let shortPulseLimit = 0.3

    /// - Parameters:
    ///   - trace: the GITT train with its rests, recorded densely enough that
    ///     the sample ending each rest and at least three per pulse are kept.
    ///   - capacity: the cell's capacity (C); with it each pulse carries its SOC.
    ///   - initialStateOfCharge: SOC at the trace's first sample.
    ///   - geometry: the active particles' shape.
    /// - Throws: `AnalysisError` for a bad trace, no current, a capacity that
    ///   is not positive, or no pulse with a rest on both sides and enough samples.
    public static func analyse(_ trace: [TraceSample], capacity: Double? = nil,
                               initialStateOfCharge: Double = 0,
                               geometry: ParticleGeometry = .planar) throws(AnalysisError) -> [GITTPulse] {
        try trace.validateTrace(minimumCount: minimumPulseSamples + 2)
        if let capacity, !(capacity.isFinite && capacity > 0) {
            throw AnalysisError(.notPositive, "capacity \(capacity) C: give the cell's capacity, e.g. 1.5 mAh", field: "capacity")
        }
        // Each sample's current is held over the interval that ends at it.
        var passed = [0.0]
        for k in trace.indices.dropFirst() { passed.append(passed[k - 1] + trace[k].current * (trace[k].time - trace[k - 1].time)) }
        let peak = trace.map { abs($0.current) }.max() ?? 0
        guard peak > 0 else {
            throw AnalysisError(.noSignal, "the current is zero throughout: no GITT pulse to analyse", field: "current")
        }
        let runs = phases(of: trace, pulseCurrent: peak / 2)
        var pulses: [GITTPulse] = []
        for k in runs.indices.dropFirst().dropLast() where runs[k].isPulse && !runs[k - 1].isPulse && !runs[k + 1].isPulse {
            let pulse = Array(trace[runs[k].range])
            guard pulse.count >= minimumPulseSamples else { continue }
            let last = runs[k - 1].range.upperBound - 1
            let before = trace[last], after = trace[runs[k + 1].range.upperBound - 1]
            if var analysed = weppnerHuggins(pulse, start: before.time, restBefore: before.voltage, restAfter: after.voltage,
                                              geometry: geometry) {
                analysed.chargeBefore = passed[last]
                analysed.stateOfChargeBefore = capacity.map { initialStateOfCharge + passed[last] / $0 }
                pulses.append(analysed)
            }
        }
        guard !pulses.isEmpty else {
            throw AnalysisError(.tooFewPoints, "no pulse has a rest before and after it and \(minimumPulseSamples) samples or more; "
                                    + "record every reading of the train (record dt no longer than sample) and end it with a rest",
                                field: "time")
        }
        return pulses
    }

    /// The median D/L² over `pulses` (s⁻¹): the train's figure, robust to
    /// the few pulses on the OCV's steep ends that read far off.
    /// - Precondition: `pulses` is not empty, as `analyse` returns it.
    public static func median(_ pulses: [GITTPulse]) -> Double {
        let sorted = pulses.map(\.normalisedDiffusivity).sorted()
        let half = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[half - 1] + sorted[half]) / 2 : sorted[half]
    }

    /// Consecutive samples at open circuit or under current.
    private static func phases(of trace: [TraceSample], pulseCurrent: Double) -> [(isPulse: Bool, range: Range<Int>)] {
        var runs: [(isPulse: Bool, range: Range<Int>)] = []
        for (k, sample) in trace.enumerated() {
            let isPulse = abs(sample.current) >= pulseCurrent
            if let last = runs.last, last.isPulse == isPulse {
                runs[runs.count - 1].range = last.range.lowerBound..<(k + 1)
            } else {
                runs.append((isPulse, k..<(k + 1)))
            }
        }
        return runs
    }

    /// The pulse's figures, or nil when its transient does not rise with √t
    /// (a zero or reversed slope gives no finite D) or rises less than any
    /// diffusivity explains.
    private static func weppnerHuggins(_ pulse: [TraceSample], start: Double, restBefore: Double,
                                       restAfter: Double, geometry: ParticleGeometry) -> GITTPulse? {
        let duration = pulse[pulse.count - 1].time - start
        let fitted = pulse.dropFirst()
        guard let fit = StraightLineFit(x: fitted.map { ($0.time - start).squareRoot() }, y: fitted.map(\.voltage)) else { return nil }
        let transient = fit.slope * duration.squareRoot()
        let steady = restAfter - restBefore
        let current = pulse.map(\.current).reduce(0, +) / Double(pulse.count)
        // The transient and the OCV must move the way the current drives them.
        guard duration > 0, transient * current > 0, steady * current > 0 else { return nil }
        let ratio = steady / transient
        let planar = 4 / (Double.pi * duration) * ratio * ratio
        let times = fitted.map { $0.time - start }
        guard let normalised = geometry == .planar ? planar
                : matchedDiffusivity(geometry, times: times, slope: duration.squareRoot() / ratio, near: planar) else { return nil }
        return GITTPulse(start: start, duration: duration, current: current, restVoltageBefore: restBefore,
                         steadyStateChange: steady, transientChange: transient, sqrtTimeRSquared: fit.rSquared,
                         normalisedDiffusivity: normalised, geometry: geometry, chargeBefore: 0)
    }

    /// The D/L² whose surface response, fitted against √t at `times`, has
    /// `slope`: ΔE_t/ΔE_s = slope/√τ with both read per unit of mean SOC
    /// rate. The slope falls as D grows (a faster particle's surface stays
    /// nearer its mean), so a bracket from the planar figure and bisection
    /// in log D/L² find it; nil when no D/L² gives a slope that small.
    private static func matchedDiffusivity(_ geometry: ParticleGeometry, times: [Double], slope: Double,
                                           near guess: Double) -> Double? {
        let roots = times.map { $0.squareRoot() }
        func excess(_ kappa: Double) -> Double? {
            let response = times.map { geometry.surfaceDisplacement(at: $0, normalisedDiffusivity: kappa) }
            return StraightLineFit(x: roots, y: response).map { $0.slope - slope }
        }
        var low = guess, high = guess
        for _ in 0..<60 {
            guard let e = excess(low) else { return nil }
            if e >= 0 { break }
            low /= 2
        }
        for _ in 0..<60 {
            guard let e = excess(high) else { return nil }
            if e <= 0 { break }
            high *= 2
        }
        guard let lowExcess = excess(low), let highExcess = excess(high), lowExcess >= 0, highExcess <= 0 else { return nil }
        while high / low > 1 + 1e-10 {
            let middle = (low * high).squareRoot()
            guard let e = excess(middle) else { return nil }
            if e > 0 { low = middle } else { high = middle }
        }
        return (low * high).squareRoot()
    }
}
