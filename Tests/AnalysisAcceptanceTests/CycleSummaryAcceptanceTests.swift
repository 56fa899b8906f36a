import CellSimulator
import Electrochemistry
import Instruments
import Numerics
import Testing

/// Cycle summaries of a simulated full cell agree with the charge passed.
@Suite struct CycleSummaryAcceptanceTests {
    @Test func summariesMatchTheChargePassed() async throws {
        let definition = try #require(CellPresets.named("nmc811-lpscl-liin"))
        let window = try #require(definition.cyclingWindow)
        let bench = SimulatedBench(definition: definition, seed: 2, speed: .maximum)
        let pot = bench.potentiostat
        let current = definition.capacity / 7200 // C/2
        let interval = 10.0
        try await pot.setSampleInterval(interval)
        var trace: [TraceSample] = []
        var chargeSamples: [Int] = []
        for _ in 0..<3 {
            for sign in [1.0, -1.0] {
                try await pot.apply(.current(sign * current, voltageLimits: (window.lowerBound - 0.5)...(window.upperBound + 0.5)))
                var n = 0
                while true {
                    let s = try #require(try await record(pot, count: 1).first)
                    trace.append(s)
                    n += 1
                    if sign > 0 ? s.voltage >= window.upperBound : s.voltage <= window.lowerBound { break }
                    try #require(n < 2000, "half-cycle never reached its cut-off")
                }
                if sign > 0 {
                    chargeSamples.append(n)
                    // A minute at open circuit before the discharge, for its DC resistance.
                    try await pot.apply(.openCircuit)
                    trace += try await record(pot, count: 6)
                }
            }
        }
        let spectrum = try await pot.measureImpedance(ImpedanceRequest(from: 1e6, to: 1e5, perDecade: 2,
                                                                      excitation: .potentiostatic(amplitude: 0.005)))
        try await pot.enterSafeState()
        let cycles = try CycleSummaries.summarise(trace)
        #expect(cycles.count == 3)
        for (cycle, n) in zip(cycles, chargeSamples) {
            // The galvanostat held `current` for n intervals.
            #expect(abs(cycle.chargeCapacity / (current * interval * Double(n)) - 1) < 1e-3)
            let ce = try #require(cycle.coulombicEfficiency)
            #expect(ce > 0.9 && ce <= 1.01, "CE \(ce)")
            let overpotential = try #require(cycle.overpotential)
            #expect(overpotential > 0)
            #expect(try #require(cycle.energyEfficiency) < ce)
            // ΔV/ΔI 10 s into the discharge: the first reading, 10 s in. A passive
            // cell's step response only grows from its ohmic part, Re Z at 1 MHz.
            let resistance = try #require(cycle.dcResistance)
            #expect(resistance.event == .startOfDischarge && resistance.delay >= 10 && resistance.delay < 20)
            #expect(resistance.resistance > spectrum.points[0].impedance.real, "\(resistance.resistance) Ω")
        }
        // Every cycle discharged at the same current, so each after the first is compared with it.
        #expect(cycles[0].retention == nil)
        for cycle in cycles.dropFirst() {
            #expect(try #require(cycle.retention) == cycle.dischargeCapacity / cycles[0].dischargeCapacity)
        }
        // Net charge in the record is what went through the cell (leakage aside: < 0.1 % of capacity).
        let net = cycles.reduce(0) { $0 + $1.chargeCapacity - $1.dischargeCapacity }
        let truth = await bench.truth.state.ionicCharge
        #expect(abs(net - truth) < 0.01 * definition.capacity, "net \(net) C vs ionic \(truth) C")
    }
}
