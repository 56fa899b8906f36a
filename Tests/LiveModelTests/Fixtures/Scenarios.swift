import CellSimulator
import CyclerConfiguration
import LiveModel

/// The simulated experiments the tests and benchmarks share, so a benchmark
/// runs the same profile a test checks, only longer.
public enum Scenarios {
    /// A live model configuration for a preset, from the cell file a lab would write.
    public static func configuration(for d: CellDefinition, initialStateOfCharge: Double? = nil) throws -> LiveModelConfiguration {
        var c = try LiveModelConfiguration(cell: CellDescription(simulating: d))
        c.appliedPressure = d.stackPressure
        c.initialStateOfCharge = initialStateOfCharge
        return c
    }

    /// The voltage window a scenario cycles in: the preset's, with the lower
    /// cut-off raised to 0.1 V under the OCV at SOC 0. The simulated
    /// cathodes' tables start above their practical cut-offs (NMC811 at 3.40 V
    /// vs Li against a 3.0 V cut-off), and below SOC 0 the simulator
    /// extrapolates a wall that a discharge sampled every 10 s overshoots into.
    public static func window(_ d: CellDefinition) -> ClosedRange<Double>? {
        guard let w = d.cyclingWindow else { return nil }
        return max(w.lowerBound, d.positive.potential(0) - d.referenceOffset - 0.1)...w.upperBound
    }

    /// One cycle of a full cell with rests and a dynamic discharge: rest,
    /// CC charge at `cRate` to the upper cut-off, rest, drive-cycle discharge
    /// (mean `cRate`) until the voltage nears the lower cut-off, then CC to it.
    public static func dynamicCycle(_ run: inout SimulatedRun, cRate: Double, restSeconds: Double) {
        let d = run.cell.definition
        guard let window = window(d) else { return }
        let current = cRate * d.capacity / 3600
        let timeout = 3 * 3600 / cRate
        run.rest(seconds: restSeconds)
        run.hold(current: current, untilVoltage: window.upperBound, timeout: timeout)
        run.rest(seconds: restSeconds)
        // A drive's 2C peaks near empty would overshoot the cut-off within one
        // sample, so the last stretch is CC, as a cycler's protocol would end it.
        let floor = window.lowerBound + 0.3
        var elapsed = 0.0
        while run.cell.voltage > floor, elapsed < timeout {
            run.drive(seconds: 120, meanCRate: -cRate, capacity: d.capacity, floor: floor)
            elapsed += 120
        }
        run.hold(current: -current, untilVoltage: window.lowerBound, timeout: timeout)
    }

    /// Plain galvanostatic cycle between the cut-offs with rests.
    public static func constantCurrentCycle(_ run: inout SimulatedRun, cRate: Double, restSeconds: Double) {
        let d = run.cell.definition
        guard let window = window(d) else { return }
        let current = cRate * d.capacity / 3600
        let timeout = 3 * 3600 / cRate
        run.hold(current: current, untilVoltage: window.upperBound, timeout: timeout)
        run.rest(seconds: restSeconds)
        run.hold(current: -current, untilVoltage: window.lowerBound, timeout: timeout)
        run.rest(seconds: restSeconds)
    }

    /// One plating/stripping cycle of a symmetric cell at `density` (A/m²),
    /// `halfSeconds` each way.
    public static func platingCycle(_ run: inout SimulatedRun, density: Double, halfSeconds: Double) {
        let current = density * run.cell.definition.area
        run.hold(current: current, seconds: halfSeconds)
        run.hold(current: -current, seconds: halfSeconds)
    }
}
