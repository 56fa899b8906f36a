import CellSimulator
import Testing

/// A galvanostat near its compliance plans a step, looks at the voltage it
/// would reach, and takes it or steps under the limit instead: planning must
/// leave the cell exactly as if it had not happened.
@Suite struct PlannedStepTests {
    /// A cell part-way into a charge, with its ladders away from rest.
    static func charging() throws -> SimulatedCell {
        let definition = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var cell = SimulatedCell(definition: definition, seed: 3)
        for _ in 0..<600 { cell.step(current: definition.capacity / 3600, dt: 1) }
        return cell
    }

    @Test func aTakenPlanIsTheStep() throws {
        var planned = try Self.charging(), stepped = try Self.charging()
        let amps = planned.definition.capacity / 1800
        for dt in [1e-6, 1e-3, 1, 1] {
            let plan = planned.plannedStep(current: amps, dt: dt)
            planned.take(plan)
            let v = stepped.step(current: amps, dt: dt)
            #expect(plan.voltage == v)
            #expect(planned.voltage == stepped.voltage && planned.state == stepped.state)
        }
    }

    @Test func aPlanNotTakenChangesNothing() throws {
        var planned = try Self.charging(), untouched = try Self.charging()
        let hold = planned.voltage + 0.01
        // A new step length and a new current: the plan prepares coefficients the hold then reuses.
        _ = planned.plannedStep(current: planned.definition.capacity / 900, dt: 0.5)
        for _ in 0..<20 {
            let i = planned.step(voltage: hold, dt: 0.5)
            #expect(i == untouched.step(voltage: hold, dt: 0.5))
        }
        #expect(planned.state == untouched.state && planned.surfaceStateOfCharge == untouched.surfaceStateOfCharge)
    }
}
