import Foundation
import InstrumentSimulators
import Instruments

/// Paths and maps the Modbus tests share, found from this file's location so
/// the suite runs from any working directory.
enum ModbusFixtures {
    /// The package root: four levels above Tests/InstrumentsTests/Modbus/Support/.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var instrumentsDirectory: String { packageRoot + "/Config/instruments" }
    static var python: String { packageRoot + "/.venv/bin/python" }
    static var peers: String { packageRoot + "/Tests/InstrumentsTests/Modbus/peers" }

    /// A shipped map by short name.
    static func map(_ name: String) throws -> ModbusRegisterMap {
        try ModbusMapCatalog.load(name, searching: [instrumentsDirectory])
    }

    /// An address with an explicit timeout: generous by default, so a loaded
    /// machine cannot fail a healthy exchange; fault tests pass a short one.
    static func address(_ text: String, timeout: String = "3s") throws -> InstrumentAddress {
        try InstrumentAddress(parsing: text + (text.contains("?") ? "&" : "?") + "timeout=\(timeout)")
    }

    /// Runs `body` against a simulated device, then stops it (also on failure).
    static func withSlave<T>(
        _ map: ModbusRegisterMap, _ bench: SimulatedBench, _ wire: ModbusSlave.Wire,
        _ body: (ModbusSlave) async throws -> T
    ) async throws -> T {
        let slave = try ModbusSlave(map: map, bench: bench, wire: wire)
        do {
            let result = try await body(slave)
            await slave.stop()
            return result
        } catch {
            await slave.stop()
            throw error
        }
    }
}
