import CellSimulator
import Configuration
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

    /// One cycle of a full cell with rests and a dynamic discharge: rest,
    /// CC charge at `cRate` to the upper cut-off, rest, drive-cycle discharge
    /// (mean `cRate`) to the lower cut-off, rest.
    public static func dynamicCycle(_ run: inout SimulatedRun, cRate: Double, restSeconds: Double) {
        let d = run.cell.definition
        guard let window = d.cyclingWindow else { return }
        let current = cRate * d.capacity / 3600
        let timeout = 3 * 3600 / cRate
        run.rest(seconds: restSeconds)
        run.hold(current: current, untilVoltage: window.upperBound, timeout: timeout)
        run.rest(seconds: restSeconds)
        var elapsed = 0.0
        while run.cell.voltage > window.lowerBound, elapsed < timeout {
            run.drive(seconds: 120, meanCRate: -cRate, capacity: d.capacity, floor: window.lowerBound)
            elapsed += 120
        }
        // Finish at constant current: a drive pulse may have crossed the cut-off under a peak.
        run.hold(current: -current, untilVoltage: window.lowerBound, timeout: timeout)
    }

    /// Plain galvanostatic cycle between the cut-offs with rests.
    public static func constantCurrentCycle(_ run: inout SimulatedRun, cRate: Double, restSeconds: Double) {
        let d = run.cell.definition
        guard let window = d.cyclingWindow else { return }
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
