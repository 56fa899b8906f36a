import Electrochemistry
import Instruments

/// Reads `count` samples from a bench's potentiostat as an analysis trace.
func record(_ potentiostat: some Potentiostat, count: Int) async throws -> [TraceSample] {
    var trace: [TraceSample] = []
    trace.reserveCapacity(count)
    for _ in 0..<count {
        let s = try await potentiostat.nextSample()
        trace.append(TraceSample(time: s.time, voltage: s.voltage, current: s.current))
    }
    return trace
}
