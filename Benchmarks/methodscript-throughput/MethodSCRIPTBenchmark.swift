import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments

/// Samples per second and per-sample latency through the MethodSCRIPT driver
/// and the simulated device over a real pty, with the parts that make them up
/// (packet decoding alone, the simulated cell alone) for comparison.
@main
struct MethodSCRIPTBenchmark {
    static func main() async throws {
        let count = Int(ProcessInfo.processInfo.environment["SAMPLES"] ?? "") ?? 20_000
        let switches = Int(ProcessInfo.processInfo.environment["SWITCHES"] ?? "") ?? 200
        guard let definition = CellPresets.named("nmc811-lpscl-liin") else { fatalError("preset missing") }

        // The cell alone, in process: what the simulator spends per sample.
        let reference = SimulatedBench(definition: definition, seed: 1)
        try await reference.potentiostat.setSampleInterval(1e-3)
        try await reference.potentiostat.apply(.current(1e-3, voltageLimits: 2...4.3))
        let cellTime = try await measure(count) { _ = try await reference.potentiostat.nextSample() }

        // Packet decoding alone: cyclerd's CPU cost per sample.
        let line = MethodSCRIPTPacket(variables: [
            MethodSCRIPTVariable(type: .potential, value: 3.712345),
            MethodSCRIPTVariable(type: .current, value: 1e-3, status: [], currentRange: 5),
        ]).encoded
        var checksum = 0.0
        let decodeTime = try await measure(count * 10) { checksum += try MethodSCRIPTPacket(decoding: line).variables[0].value }

        // Driver ↔ simulator over the pty.
        let bench = SimulatedBench(definition: definition, seed: 1)
        let simulator = try MethodSCRIPTSimulator(bench: bench, deviceType: .emStat4HR)
        simulator.start()
        let driver = try await MethodSCRIPTPotentiostat.connect(path: simulator.devicePath, timeout: .seconds(2))
        try await driver.setSampleInterval(1e-3)
        try await driver.apply(.current(1e-3, voltageLimits: 2...4.3))
        for _ in 0..<1000 { _ = try await driver.nextSample() } // warm-up
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let wall = ContinuousClock.now
        for _ in 0..<count {
            let start = ContinuousClock.now
            _ = try await driver.nextSample()
            latencies.append(seconds(start.duration(to: .now)))
        }
        let streamTime = seconds(wall.duration(to: .now))

        // Changing the setpoint: Z, drain, upload the new script, first packet.
        var switchLatencies: [Double] = []
        for k in 0..<switches {
            let start = ContinuousClock.now
            try await driver.apply(.current(k.isMultiple(of: 2) ? 2e-3 : 1e-3, voltageLimits: 2...4.3))
            _ = try await driver.nextSample()
            switchLatencies.append(seconds(start.duration(to: .now)))
        }
        try await driver.enterSafeState()
        await simulator.stop()

        let bytesPerPacket = line.utf8.count + 1
        let uartLimit = 921_600.0 / 10 / Double(bytesPerPacket)
        print("MethodSCRIPT driver + simulated EmStat4 HR over a pty, CC at 1 ms sampling, \(count) samples")
        print(String(format: "  stream             %10.0f samples/s   %8.1f µs/sample", Double(count) / streamTime, streamTime / Double(count) * 1e6))
        print(String(format: "  nextSample latency p50 %6.1f µs   p99 %6.1f µs   max %8.1f µs",
                     percentile(latencies, 0.5) * 1e6, percentile(latencies, 0.99) * 1e6, (latencies.max() ?? 0) * 1e6))
        print(String(format: "  setpoint change    p50 %6.2f ms   p99 %6.2f ms   (Z, drain, script upload, first packet; %d changes)",
                     percentile(switchLatencies, 0.5) * 1e3, percentile(switchLatencies, 0.99) * 1e3, switches))
        print(String(format: "  decode only        %10.0f packets/s %8.2f µs/packet   (checksum %.0f)", 1 / decodeTime, decodeTime * 1e6, checksum))
        print(String(format: "  simulated cell only%10.0f samples/s %8.2f µs/sample", 1 / cellTime, cellTime * 1e6))
        print(String(format: "  a 921600-baud UART carries at most %.0f packets/s of %d bytes; USB-CDC (EmStat4, Nexus) is not baud-limited",
                     uartLimit, bytesPerPacket))
    }

    /// Mean seconds per call of `body` over `iterations` calls.
    static func measure(_ iterations: Int, isolation: isolated (any Actor)? = #isolation,
                        _ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try await body() }
        return seconds(start.duration(to: .now)) / Double(iterations)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }
}
