import CellSimulator
import CyclerConfiguration
import Foundation
import Instruments
import ProtocolEngine

/// Time from a sample past a safety limit reaching the executor to the
/// output-off command, in process. Two setups: a scripted potentiostat (the
/// executor's own cost) and the simulated bench (with the bench's actor hop).

final class DiscardingObserver: JobObserver {
    func record(_ sample: RecordedSample) {}
    func handle(_ event: JobEvent) {}
    func checkpoint(_ checkpoint: ExecutorCheckpoint) {}
}

let definition = try ProtocolParser.parse("""
    name: safety latency
    safety:
      voltage: {max: 4.2 V}
      current: {min: -50 mA, max: 50 mA}
      temperature: {max: 80 degC}
      pressure: {max: 100 MPa}
    record: {dt: 10 s, dV: 1 mV}
    steps:
      - cc: 1 mA
        until: ["t >= 100 h"]
        fail_if: ["T > 70 degC"]
    """, file: "benchmark.yaml")

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.down)))]
}

func report(_ name: String, _ latencies: [Double], _ responses: [Double]) {
    let s = latencies.sorted(), i = responses.sorted()
    func us(_ x: Double) -> String { String(format: "%8.2f", x * 1e6) }
    print("\(name) (\(s.count) trips)")
    print("  crossing sample → output-off call   p50 \(us(percentile(s, 0.5))) µs  p99 \(us(percentile(s, 0.99))) µs"
        + "  p99.9 \(us(percentile(s, 0.999))) µs  max \(us(s.last ?? .nan)) µs")
    print("  executor's own alarm.responseTime   p50 \(us(percentile(i, 0.5))) µs  p99 \(us(percentile(i, 0.99))) µs"
        + "  max \(us(i.last ?? .nan)) µs")
}

func trip(_ potentiostat: TimedPotentiostat, cell: CellContext) async -> (Double, Double)? {
    let executor = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(potentiostat: potentiostat),
                                    cell: cell, clock: ContinuousClock(), observer: DiscardingObserver())
    guard case .paused(let reason) = await executor.run(), let alarm = reason.alarm, let latency = potentiostat.latency,
          let response = alarm.responseTime else { return nil }
    return (latency, response)
}

let trials = Int(ProcessInfo.processInfo.environment["TRIALS"] ?? "") ?? 20_000
let cell = CellContext(CellDescription(name: "scripted", kind: .full))

var scripted: [(Double, Double)] = []
for trial in 0..<trials {
    let potentiostat = TimedPotentiostat(inner: ScriptedPotentiostat(crossingIndex: 2 + trial % 50), voltageLimit: 4.2)
    if let result = await trip(potentiostat, cell: cell) { scripted.append(result) }
}
report("scripted potentiostat", scripted.map(\.0), scripted.map(\.1))

// The simulated bench: a charged NMC811 cell charged at 20 mA crosses 4.2 V within seconds.
guard var preset = CellPresets.named("nmc811-lpscl-liin") else { fatalError("preset missing") }
preset.initialStateOfCharge = 0.97
var simulated: [(Double, Double)] = []
for trial in 0..<max(1, trials / 20) {
    let bench = SimulatedBench(definition: preset, seed: UInt64(trial))
    let potentiostat = TimedPotentiostat(inner: bench.potentiostat, voltageLimit: 4.2)
    let fast = try ProtocolParser.parse("""
        name: bench trip
        safety: {voltage: {max: 4.2 V}}
        record: {dt: 1 s}
        steps:
          - cc: 20 mA
            until: ["t >= 10 h"]
        """, file: "bench.yaml")
    let executor = ProtocolExecutor(definition: fast, instruments: ChannelInstruments(potentiostat: potentiostat),
                                    cell: CellContext(CellDescription(preset)), clock: ContinuousClock(), observer: DiscardingObserver())
    if case .paused(let reason) = await executor.run(), let alarm = reason.alarm, let latency = potentiostat.latency, let response = alarm.responseTime {
        simulated.append((latency, response))
    }
}
report("simulated bench (nmc811-lpscl-liin, 20 mA to a 4.2 V limit)", simulated.map(\.0), simulated.map(\.1))
