import Electrochemistry

extension PyBaMMStep {
    /// The cyclerd steps this string means.
    ///
    /// This is the one place PyBaMM's sign (discharge positive) becomes
    /// cyclerd's (charge positive): `Discharge at 1 A` is −1 A here, and a
    /// PyBaMM termination `> 1 A` (more discharge) is `I < −1 A`.
    public func steps(at location: FileLocation) -> [Step] {
        let sign: Double = instruction == .charge ? 1 : -1
        let kind: StepKind
        switch control {
        case .rest: kind = .rest
        case .current(let q): kind = .constantCurrent(CurrentControl(current: Quantity(sign * q.value, q.dimension)))
        case .voltage(let v): kind = .constantVoltage(VoltageControl(voltage: v))
        case .power(let w): kind = .constantPower(sign * w)
        case .resistance(let ohms): kind = .constantResistance(ohms: ohms, charging: instruction == .charge)
        }
        var until: [Exit] = []
        let timeLimit = duration ?? defaultDuration
        until.append(Exit(condition: Condition(variable: .time, comparison: .atLeast, threshold: Quantity(timeLimit, .time),
                                               text: duration == nil ? "t >= \(timeLimit) s (PyBaMM's default)" : "t >= \(timeLimit) s",
                                               location: location)))
        if let termination, let condition = condition(for: termination, at: location.shifted(by: termination.column)) {
            until.append(Exit(condition: condition))
        }
        var main = Step(kind: kind, name: text, until: until, record: period.map { RecordPolicy(interval: $0) },
                        location: location)
        main.valueLocation = location
        guard let temperature else { return [main] }
        let setting = TemperatureSetting(target: temperature, tolerance: 1, stableFor: 0, timeout: 3600)
        return [Step(kind: .setTemperature(setting), name: "ambient \(temperature) K for \"\(text)\"", location: location), main]
    }

    /// PyBaMM's default step length: one day, or twice the nominal duration of a C-rate.
    private var defaultDuration: Double {
        if case .current(let q) = control, q.dimension == .cRate, q.value > 0 { return 2 / q.value }
        return 86_400
    }

    /// The termination as a cyclerd condition; nil when it makes no sense for
    /// the step (reported by `PyBaMMStep.validate`).
    func condition(for termination: Termination, at location: FileLocation) -> Condition? {
        let value = termination.value
        let written = "\(termination.comparison?.rawValue ?? "")\(value)"
        if value.dimension == .voltage {
            let comparison: Condition.Comparison
            if let explicit = termination.comparison {
                comparison = explicit == .below ? .atMost : .atLeast
            } else {
                switch instruction {
                case .charge: comparison = .atLeast
                case .discharge: comparison = .atMost
                case .hold, .rest: return nil
                }
            }
            return Condition(variable: .voltage, comparison: comparison, threshold: value,
                             text: "V \(comparison.rawValue) \(value) (until \(written))", location: location)
        }
        // A current: with an explicit operator it is signed, in PyBaMM's sign.
        if let explicit = termination.comparison {
            let comparison: Condition.Comparison = explicit == .below ? .atLeast : .atMost
            let threshold = Quantity(-value.value, value.dimension)
            return Condition(variable: .current, comparison: comparison, threshold: threshold,
                             text: "I \(comparison.rawValue) \(threshold) (until \(written))", location: location)
        }
        return Condition(variable: .currentMagnitude, comparison: .atMost, threshold: value,
                         text: "|I| <= \(value) (until \(written))", location: location)
    }
}
