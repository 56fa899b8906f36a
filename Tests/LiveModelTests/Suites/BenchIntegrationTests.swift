import CellSimulator
import Instruments
import LiveModel
import LiveModelFixtures
import Testing

/// The live model fed through the instrument layer, as the daemon will feed it:
/// samples from the simulated bench's potentiostat, pressure from its rig.
@Suite struct BenchIntegrationTests {
    @Test func samplesFromTheSimulatedBenchDriveTheModel() async throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        let bench = SimulatedBench(definition: d, seed: 5)
        var model = LiveModel(configuration: try Scenarios.configuration(for: d, initialStateOfCharge: 0.3))
        let potentiostat = bench.potentiostat
        try await potentiostat.setSampleInterval(10)
        func feed(_ count: Int) async throws {
            for _ in 0..<count {
                let s = try await potentiostat.nextSample()
                _ = model.update(Measurement(time: s.time, current: s.current, voltage: s.voltage,
                                             pressure: s.pressure, temperature: s.temperature))
            }
        }
        try await feed(60)
        try await potentiostat.apply(.current(d.capacity / 2 / 3600, voltageLimits: 2...3.7))
        try await feed(360)
        let truth = await bench.truth.state.stateOfCharge
        let estimate = try #require(model.filter?.stateOfCharge)
        #expect(abs(estimate - truth) < 0.01, "SOC \(estimate) vs \(truth)")
        #expect(model.alarms.isEmpty)
    }
}
