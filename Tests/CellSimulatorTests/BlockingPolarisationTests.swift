import CellSimulator
import Testing

/// Between ion-blocking electrodes a DC hold first charges the double layers;
/// their charging current decays over minutes to hours (a CPE's t^(−n)) before
/// only the electronic current through the electrolyte remains.
@Suite struct BlockingPolarisationTests {
    @Test func currentDecaysForMinutesBeforeSettlingAtTheElectronicCurrent() throws {
        var cell = SimulatedCell(definition: try #require(CellPresets.named("ss-lpscl-ss")))
        let hold = 0.1
        let electronic = hold / cell.electrical.leakageResistance
        // The double layers' first charge is fast: step it finely, as an instrument samples it.
        for _ in 0..<1000 { cell.step(voltage: hold, dt: 1e-5) }
        var current: [Double] = []
        for _ in 0..<(4 * 3600) { current.append(cell.step(voltage: hold, dt: 1)) }
        let minute = current[59], tenMinutes = current[599], hour = current[3599], last = current[current.count - 1]
        #expect(minute > 1.3 * electronic, "1 min: \(minute / electronic) × the electronic current")
        #expect(tenMinutes > 1.05 * electronic, "10 min: \(tenMinutes / electronic) ×")
        #expect(minute > tenMinutes && tenMinutes > hour && hour > last)
        #expect(abs(last / electronic - 1) < 0.03, "4 h: \(last / electronic) ×")
    }
}
