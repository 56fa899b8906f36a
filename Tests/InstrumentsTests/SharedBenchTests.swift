import CellSimulator
import InstrumentSimulators
import Instruments
import Testing

/// The wire-level simulators of one rig share one simulated cell, as the real
/// potentiostat and load cell share one real cell.
@Suite("Simulators sharing one bench")
struct SharedBenchTests {
    /// Li plated on the negative of an NMC811 | Li7P3S11 | Li cell swells the
    /// stack: current sent over the MethodSCRIPT pty shows up as force on the
    /// Modbus load cell, read over loopback TCP by the Laumas driver.
    @Test func currentThroughThePotentiostatMovesTheLoadCellReading() async throws {
        let rig = try await MethodSCRIPTTestBench.start(preset: "nmc811-lps7-li")
        let map = try ModbusFixtures.map("laumas")
        let slave = try ModbusSlave(map: map, bench: rig.bench, wire: .tcp(host: "127.0.0.1", port: 0))
        let loadCell = try ModbusPressureCell(
            address: ModbusFixtures.address(slave.address), map: map, area: rig.bench.definition.area)

        let before = try await loadCell.readPressure()
        try await rig.driver.setSampleInterval(60)
        try await rig.driver.apply(.current(0.3e-3, voltageLimits: 0...5))
        for _ in 0..<60 { _ = try await rig.driver.nextSample() }
        let after = try await loadCell.readPressure()
        let truth = await rig.bench.truth.pressure

        #expect(after > before + 0.1e6, "load cell \(before) → \(after) Pa")
        #expect(abs(after - truth) < 0.02 * truth, "load cell \(after) Pa, cell \(truth) Pa")
        await slave.stop()
        await rig.finish()
    }
}
