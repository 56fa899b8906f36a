import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments

/// How fast a Modbus driver samples through the real wire, and how far that
/// is from what the wire itself allows.
///
/// Each row reads one device repeatedly through the full stack: driver →
/// `ModbusConnection` (libmodbus on its own queue) → loopback TCP or a pty →
/// libmodbus slave thread → `SimulatedBench`. Arguments: reads per row
/// (default 2000) and the directory holding the shipped maps.

let reads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000
let mapDirectory = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : FileManager.default.currentDirectoryPath + "/Config/instruments"

struct Row {
    var label: String
    var registers: Int
    var latencies: [Double]  // seconds

    func percentile(_ p: Double) -> Double {
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var line: String {
        let total = latencies.reduce(0, +)
        let rate = Double(latencies.count) / total
        let cells = [label.padding(toLength: 34, withPad: " ", startingAt: 0), String(format: "%6d", latencies.count),
                     String(format: "%10.0f", rate), String(format: "%9.0f", 1 / percentile(0.5)),
                     String(format: "%9.1f", percentile(0.5) * 1e6),
                     String(format: "%9.1f", percentile(0.99) * 1e6), String(format: "%9.1f", (latencies.max() ?? 0) * 1e6)]
        return cells.joined(separator: " ")
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Times `count` calls of `read`, after a warm-up.
func measure(_ label: String, registers: Int, count: Int, _ read: () async throws -> Void) async throws -> Row {
    for _ in 0..<50 { try await read() }
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    let clock = ContinuousClock()
    for _ in 0..<count {
        let start = clock.now
        try await read()
        latencies.append(seconds(clock.now - start))
    }
    return Row(label: label, registers: registers, latencies: latencies)
}

guard let definition = CellPresets.named("nmc811-lpscl-liin") else { fatalError("preset missing") }
let laumas = try ModbusMapCatalog.load("laumas", searching: [mapDirectory])
let eurotherm = try ModbusMapCatalog.load("eurotherm", searching: [mapDirectory])

var rows: [Row] = []
let bench = SimulatedBench(definition: definition, noise: .none)
rows.append(try await measure("in-process bench (no wire)", registers: 0, count: reads) {
    _ = try await bench.pressureRig.readPressure()
})
for (wire, name) in [(ModbusSlave.Wire.tcp(host: "127.0.0.1", port: 0), "tcp loopback"), (.rtu(baudRate: 19_200), "rtu pty")] {
    let pressureSlave = try ModbusSlave(map: laumas, bench: bench, wire: wire)
    let cell = try ModbusPressureCell(address: InstrumentAddress(parsing: pressureSlave.address), map: laumas, area: definition.area)
    rows.append(try await measure("\(name): Laumas pressure (3 regs)", registers: 3, count: reads) { _ = try await cell.readPressure() })
    await pressureSlave.stop()

    let thermalSlave = try ModbusSlave(map: eurotherm, bench: bench, wire: wire)
    let controller = try ModbusTemperatureController(address: InstrumentAddress(parsing: thermalSlave.address), map: eurotherm)
    rows.append(try await measure("\(name): Eurotherm PV+SP (4 regs)", registers: 4, count: reads) { _ = try await controller.readState() })
    await thermalSlave.stop()
}

print("Modbus reads through driver → libmodbus → wire → libmodbus slave → SimulatedBench")
print("row".padding(toLength: 34, withPad: " ", startingAt: 0) + "  reads  samples/s  1/p50 /s    p50 µs    p99 µs    max µs")
for row in rows { print(row.line) }

/// A real RS-485 line: 11 bits a character (start, 8 data, parity or a second
/// stop, stop), request 8 bytes, response 5 + 2n bytes, and a 3.5-character
/// silence after each frame (fixed at 1.75 ms above 19200 baud). Device
/// turnaround (often 1–10 ms) comes on top.
print("")
print("RTU on a real line (wire time only; add the device's turnaround):")
for baud in [9_600, 19_200, 115_200] {
    var parts: [String] = []
    for registers in [3, 4] {
        let character = 11.0 / Double(baud)
        let silence = baud > 19_200 ? 1.75e-3 : 3.5 * character
        let exchange = Double(8 + 5 + 2 * registers) * character + 2 * silence
        parts.append(String(format: "%d regs %.2f ms → ≤ %.0f samples/s", registers, exchange * 1e3, 1 / exchange))
    }
    print(String(format: "  %6d baud: ", baud) + parts.joined(separator: ";  "))
}
let ptyMedian = rows.filter { $0.label.hasPrefix("rtu") }.map { 1 / $0.percentile(0.5) }.min() ?? 0
print(String(format: "The pty ignores baud. At its median the stack does %.0f RTU samples/s, %.0fx the 115200-baud ceiling:",
             ptyMedian, ptyMedian / 188))
print("on a real line the wire, not cyclerd, sets the rate. Mean rates and p99 include scheduling on a shared machine.")
