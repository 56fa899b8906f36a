import Electrochemistry
import ProtocolEngine

/// The protocol `sim cycle` runs: galvanostatic cycling as a protocol, so the
/// same executor (terminations, cut-offs at the instrument, safety) runs it
/// as runs every other job.
enum GalvanostaticProtocol {
    /// How each half-cycle ends.
    enum Plan {
        /// Charge to the upper cut-off, discharge to the lower (full cells).
        case toVoltage(ClosedRange<Double>)
        /// Fixed time each way (symmetric cells: plate, then strip).
        case forDuration(Double)
    }

    /// `cycles` cycles at ±`current` A, recording every `interval` s. A
    /// half-cycle that has not reached its cut-off after three times the
    /// nominal capacity's worth (plus an hour) fails: the cell may be shorted or dead.
    static func make(current: Double, plan: Plan, interval: Double, capacity: Double, cycles: Int) -> ProtocolDefinition {
        let location = FileLocation(file: "sim cycle", line: 0, column: 0, field: "")
        func condition(_ variable: Condition.Variable, _ comparison: Condition.Comparison, _ value: Quantity, _ text: String) -> Exit {
            Exit(condition: Condition(variable: variable, comparison: comparison, threshold: value, text: text, location: location))
        }
        func halfCycle(sign: Double) -> Step {
            switch plan {
            case .toVoltage(let window):
                let cutoff = sign > 0 ? window.upperBound : window.lowerBound
                let limit = capacity > 0 ? 3 * capacity / current + 3600 : 1e9
                return Step(kind: .constantCurrent(CurrentControl(current: Quantity(sign * current, .current))),
                            until: [condition(.voltage, sign > 0 ? .atLeast : .atMost, Quantity(cutoff, .voltage),
                                              "V \(sign > 0 ? ">=" : "<=") \(cutoff) V")],
                            failIf: [condition(.time, .atLeast, Quantity(limit, .time),
                                               "t >= \(Int(limit)) s without reaching \(cutoff) V: the cell may be shorted or dead")],
                            location: location)
            case .forDuration(let seconds):
                return Step(kind: .constantCurrent(CurrentControl(current: Quantity(sign * current, .current))),
                            until: [condition(.time, .atLeast, Quantity(seconds, .time), "t >= \(seconds) s")], location: location)
            }
        }
        let loop = Loop(count: cycles, countsCycles: true, steps: [halfCycle(sign: 1), halfCycle(sign: -1)])
        return ProtocolDefinition(name: "galvanostatic cycling", record: RecordPolicy(interval: interval, sampleInterval: interval),
                                  steps: [Step(kind: .loop(loop), location: location)], file: "sim cycle")
    }
}
