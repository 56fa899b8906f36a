import LiveModel
import Testing

/// The first reading of a run that starts under load, on a cell the model
/// knows only by its capacity and OCV table. The cell is an R0 circuit whose
/// R0 is the one the model assumes, written out in the test, so the reading
/// fixes SOC exactly once that drop is added back.
@Suite struct StateOfChargeStartTests {
    static let capacity = 3600.0 * 2  // 2 Ah
    static let oneC = capacity / 3600
    /// V per unit of SOC steepening towards full, as a cathode's curve does.
    static let table = (soc: stride(from: 0.0, through: 1.0, by: 0.05).map { $0 },
                        voltage: stride(from: 0.0, through: 1.0, by: 0.05).map { 3.3 + 0.6 * $0 + 0.3 * $0 * $0 * $0 * $0 })
    /// The typical circuit's instantaneous share: 40 % of 0.2 V at 1C.
    static let r0 = 0.4 * 0.2 / oneC

    /// Read off the curve at the loaded voltage, the start assumed no drop
    /// while the first correction assumed the circuit's: it settled 0.16 %
    /// low under a discharge and 1.4–7 % high under a charge.
    @Test(arguments: [(0.9, -0.5), (0.3, 0.5), (0.05, 1.0)])
    func aFirstReadingUnderLoadStartsWhereThePriorCircuitPutsItsOCV(truth: Double, cRate: Double) throws {
        let curve = try OpenCircuitCurve(stateOfCharge: Self.table.soc, voltage: Self.table.voltage)
        var model = LiveModel(configuration: LiveModelConfiguration(kind: .full, area: nil, capacity: Self.capacity, curve: curve,
                                                                    growthPerCharge: 0, restCurrent: 1e-6))
        let current = cRate * Self.oneC
        let first = model.update(Measurement(time: 0, current: current, voltage: curve.evaluate(truth).value + Self.r0 * current))
        let estimate = try #require(first.stateOfCharge)
        #expect(abs(estimate - truth) < 1e-3, "SOC \(estimate) vs \(truth) at the first reading under \(cRate)C")
    }
}
