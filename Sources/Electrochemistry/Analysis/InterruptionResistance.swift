/// DC resistance from one named current step: R = ΔV/ΔI between the last
/// reading before the step and the first reading at least `delay` after it,
/// the current held throughout. The step is a pulse starting from rest (the
/// start of a charge or discharge) or a current interruption (its end).
///
/// This is the definition a scientist recognises ("R_DC 10 s into the
/// discharge"): one named event, one stated time, so its timescale is known
/// (ohmic and interfacial parts, not diffusion). An average of ΔV/ΔI over
/// every current change mixes the ohmic drop with the end-of-discharge wall
/// and reads several times too high.
public struct InterruptionResistance: Sendable, Hashable {
    public enum Event: String, Sendable, Hashable {
        case startOfCharge = "start of charge"
        case startOfDischarge = "start of discharge"
        case endOfCharge = "end of charge"
        case endOfDischarge = "end of discharge"

        /// The sign of the current that starts or stops.
        var sign: Double { self == .startOfCharge || self == .endOfCharge ? 1 : -1 }
        var isStart: Bool { self == .startOfCharge || self == .startOfDischarge }
    }

    /// The delay labs most often quote (s).
    public static let defaultDelay = 10.0

    public var event: Event
    /// Ω.
    public var resistance: Double
    /// Time from the last reading before the step to the reading used (s): at
    /// least the delay asked for, more when readings were sparser.
    public var delay: Double
    /// Time of the last reading before the step (s).
    public var time: Double

    /// "DC resistance 10 s after start of discharge": the figure's name, with its time.
    public var label: String {
        "DC resistance \(delay.formatted(significantDigits: 3)) s after \(event.rawValue)"
    }

    /// The last `event` in `samples` measured `delay` after it, or nil when
    /// the samples hold none, or the current (or rest) after it ends before `delay`.
    ///
    /// - Parameter rest: |I| at or below which a reading is at rest (A).
    public static func measure(_ samples: [TraceSample], at event: Event, delay: Double, rest: Double) -> Self? {
        guard samples.count >= 2 else { return nil }
        let driven = { (s: TraceSample) in s.current * event.sign > rest }
        let resting = { (s: TraceSample) in abs(s.current) <= rest }
        // Before the step, and what the readings after it must stay.
        let (before, after) = event.isStart ? (resting, driven) : (driven, resting)
        for k in stride(from: samples.count - 2, through: 0, by: -1) where before(samples[k]) && after(samples[k + 1]) {
            let start = samples[k]
            var j = k + 1
            while j < samples.count, after(samples[j]), samples[j].time - start.time < delay { j += 1 }
            guard j < samples.count, after(samples[j]) else { return nil }
            let end = samples[j]
            return Self(event: event, resistance: (end.voltage - start.voltage) / (end.current - start.current),
                        delay: end.time - start.time, time: start.time)
        }
        return nil
    }
}
