import Instruments

/// What a running step has measured so far, and its conditions with their
/// thresholds resolved: the variables `Condition`s compare.
struct StepMonitor {
    /// A resolved condition.
    struct Armed {
        var exit: Exit
        var threshold: Double
        var isFailure: Bool
        /// The condition's plain parts, read on every sample without touching its strings.
        var variable: Condition.Variable
        var comparison: Condition.Comparison
        var armedAfter: Double

        init(exit: Exit, threshold: Double, isFailure: Bool) {
            self.exit = exit
            self.threshold = threshold
            self.isFailure = isFailure
            variable = exit.condition.variable
            comparison = exit.condition.comparison
            armedAfter = exit.condition.armedAfter
        }
    }

    /// Job time this stretch of the step began (the step's start, or its re-entry after a resume).
    let startTime: Double
    /// Step time and charge before this stretch (nonzero after a resume).
    private let elapsedBefore: Double
    let area: Double?
    private(set) var elapsed: Double
    private(set) var charge: Double
    private var previous: (time: Double, current: Double)?
    /// (time, voltage) over the last `Condition.slopeWindow`, oldest first.
    private var history: [(time: Double, voltage: Double)] = []
    private var historyStart = 0
    var armed: [Armed]

    /// - Parameters:
    ///   - startTime: job time the step (re)starts at.
    ///   - elapsed, charge: what the step had done before a pause or restart.
    init(startTime: Double, area: Double?, armed: [Armed], elapsed: Double = 0, charge: Double = 0) {
        self.startTime = startTime
        self.elapsedBefore = elapsed
        self.elapsed = elapsed
        self.charge = charge
        self.area = area
        self.armed = armed
    }

    /// Takes in a sample: advances the step clock and integrates the charge.
    mutating func observe(_ sample: Sample) {
        elapsed = elapsedBefore + sample.time - startTime
        let (t0, i0) = previous ?? (startTime, sample.current)
        charge += 0.5 * (sample.current + i0) * (sample.time - t0)
        previous = (sample.time, sample.current)
        history.append((sample.time, sample.voltage))
        while historyStart < history.count - 1, sample.time - history[historyStart + 1].time >= Condition.slopeWindow {
            historyStart += 1
        }
        if historyStart > 1024 {
            history.removeFirst(historyStart)
            historyStart = 0
        }
    }

    /// dV/dt over the slope window, or nil until the step has run that long.
    var voltageSlope: Double? {
        guard history.count - historyStart >= 2, let last = history.last else { return nil }
        let first = history[historyStart]
        let span = last.time - first.time
        guard span >= Condition.slopeWindow * 0.999 else { return nil }
        return (last.voltage - first.voltage) / span
    }

    /// The value `variable` has now, or nil when it is not measured.
    func value(of variable: Condition.Variable, in sample: Sample) -> Double? {
        switch variable {
        case .voltage: sample.voltage
        case .voltageMagnitude: abs(sample.voltage)
        case .current: sample.current
        case .currentMagnitude: abs(sample.current)
        case .time: elapsed
        case .charge: charge
        case .chargeMagnitude: abs(charge)
        case .arealCharge: area.map { abs(charge) / $0 }
        case .voltageRate: voltageSlope
        case .voltageRateMagnitude: voltageSlope.map(abs)
        case .pressure: sample.pressure
        case .temperature: sample.temperature
        }
    }

    /// The first armed condition that holds: failures are checked before terminations.
    func firstHolding(in sample: Sample) -> Armed? {
        for index in armed.indices where elapsed >= armed[index].armedAfter {
            guard let value = value(of: armed[index].variable, in: sample) else { continue }
            // Time is compared with a little slack so a 10 s step ends on the sample at 10 s.
            let threshold = armed[index].threshold
            let slack = armed[index].variable == .time ? 1e-9 * max(1, threshold) : 0
            let comparison = armed[index].comparison
            let shifted = comparison.isUpper ? value + slack : value - slack
            if comparison.holds(shifted, threshold) { return armed[index] }
        }
        return nil
    }
}
