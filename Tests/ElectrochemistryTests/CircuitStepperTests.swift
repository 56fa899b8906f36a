import Testing
import Numerics
@testable import Electrochemistry

@Suite("Circuit stepper")
struct CircuitStepperTests {
    // p(R,C) with τ = 1 ms, driven by 0.1 A.
    static let r = 0.5, c = 2e-3, tau = 1e-3, amps = 0.1

    /// A step needs the current to jump; the stepper ramps across each step,
    /// so ramp over a negligible first step (its charge is ~1e-12 of R·I).
    static func stepped(_ network: FosterNetwork, to current: Double) -> (CircuitStepper, t: Double) {
        var stepper = CircuitStepper(network: network)
        let t0 = 1e-12 * tau
        stepper.step(current: current, dt: t0)
        return (stepper, t0)
    }

    @Test("p(R,C) current step follows R·I·(1 − e^(−t/τ)) at dt = τ/100")
    func currentStep() {
        var (stepper, t) = Self.stepped(.parallelRC(resistance: Self.r, capacitance: Self.c), to: Self.amps)
        let dt = Self.tau / 100
        var worst = 0.0
        for _ in 0..<2000 {
            let v = stepper.step(current: Self.amps, dt: dt)
            t += dt
            let expected = Self.r * Self.amps * (1 - Double.exp(-t / Self.tau))
            worst = max(worst, abs(v - expected))
        }
        #expect(worst < 1e-12 * Self.r * Self.amps)
        // After 20 τ the capacitor has charged to R·I.
        #expect(abs(stepper.branchVoltages[0] - Self.r * Self.amps) < 1e-8 * Self.r * Self.amps)
    }

    /// `u − 1 + e^(−u)`, by series where the closed form would cancel.
    static func rampResponse(_ u: Double) -> Double {
        u > 1e-2 ? u + Double.expMinusOne(-u)
            : u * u * (1.0 / 2 - u * (1.0 / 6 - u * (1.0 / 24 - u * (1.0 / 120 - u / 720))))
    }

    @Test("a ramp is integrated exactly at any dt/τ: v = R·k·τ·(t/τ − 1 + e^(−t/τ))",
          arguments: [1.0 / 7, 1e-3, 3e-5, 2e-6, 1e-9, 30, 1000])
    func currentRamp(stepOverTau: Double) {
        var stepper = CircuitStepper(network: .parallelRC(resistance: Self.r, capacitance: Self.c))
        let slope = 50.0, dt = stepOverTau * Self.tau
        var worst = 0.0
        for k in 1...300 {
            let t = Double(k) * dt
            let v = stepper.step(current: slope * t, dt: dt)
            let expected = Self.r * slope * Self.tau * Self.rampResponse(t / Self.tau)
            worst = max(worst, abs(v - expected) / expected)
        }
        #expect(worst < 1e-11)
    }

    @Test("dt = 1000·τ is stable and exact at steady state")
    func longSteps() {
        var stepper = CircuitStepper(network: .parallelRC(resistance: Self.r, capacitance: Self.c))
        let dt = 1000 * Self.tau
        stepper.step(current: Self.amps, dt: dt)
        for _ in 0..<50 {
            #expect(abs(stepper.step(current: Self.amps, dt: dt) - Self.r * Self.amps) < 1e-15)
        }
        // A current flipping sign every step cannot make the voltage grow.
        var peak = 0.0
        for k in 0..<200 {
            let v = stepper.step(current: k.isMultiple(of: 2) ? -Self.amps : Self.amps, dt: dt)
            peak = max(peak, abs(v))
        }
        #expect(peak <= Self.r * Self.amps * (1 + 1e-12))
    }

    @Test("a series capacitor integrates the current exactly")
    func seriesCapacitor() throws {
        let capacitance = 4.0
        let network = try FosterNetwork(circuit: try Circuit("C1"), parameters: [capacitance],
                                        band: FrequencyBand(lowest: 1, highest: 10))
        #expect(network == FosterNetwork(elastance: 1 / capacitance))
        var stepper = CircuitStepper(network: network)
        // Ramp i = k·t for 1 s, then hold: the charge is k·t²/2, then grows by I·(t − 1).
        let slope = 0.3, dt = 0.01
        var t = 0.0
        for _ in 0..<100 {
            t += dt
            let v = stepper.step(current: slope * t, dt: dt)
            #expect(abs(v - slope * t * t / 2 / capacitance) < 1e-14)
        }
        var v = 0.0
        for _ in 0..<100 {
            t += dt
            v = stepper.step(current: slope, dt: dt)
            #expect(abs(v - (slope / 2 + slope * (t - 1)) / capacitance) < 1e-13)
        }
        #expect(stepper.capacitorVoltage == v)
    }

    @Test("an inductor gives L·di/dt")
    func inductor() {
        var stepper = CircuitStepper(network: FosterNetwork(seriesResistance: 0.2, inductance: 1e-3))
        let dt = 1e-4
        let v1 = stepper.step(current: 0.5, dt: dt)
        #expect(abs(v1 - (0.2 * 0.5 + 1e-3 * 0.5 / dt)) < 1e-12)
        let v2 = stepper.step(current: 0.5, dt: dt)
        #expect(abs(v2 - 0.1) < 1e-15)
    }

    @Test("voltage step on R0-p(R1,C1) gives the analytic current decay")
    func voltageStep() throws {
        let r0 = 0.1, r1 = 0.4, c1 = 2.5e-3, volts = 0.05
        let network = try FosterNetwork(circuit: try Circuit("R0-p(R1,C1)"), parameters: [r0, r1, c1],
                                        band: FrequencyBand(lowest: 1, highest: 1e4))
        // i(t) = V/(R0+R1) + (V/R0 − V/(R0+R1))·e^(−t/τ'), τ' = C1·R0·R1/(R0+R1).
        let tauPrime = c1 * r0 * r1 / (r0 + r1)
        let final = volts / (r0 + r1), initial = volts / r0
        var stepper = CircuitStepper(network: network)
        let t0 = 1e-12 * tauPrime
        var t = t0
        #expect(relativeError(stepper.step(voltage: volts, dt: t0), initial) < 1e-9)
        let dt = tauPrime / 100
        var worst = 0.0
        for _ in 0..<4000 {
            let i = stepper.step(voltage: volts, dt: dt)
            t += dt
            let expected = final + (initial - final) * Double.exp(-t / tauPrime)
            worst = max(worst, abs(i - expected))
        }
        // Second-order scheme: the error is ~(dt/τ')²/12 of the decaying part.
        #expect(worst < 2e-5 * (initial - final))
        #expect(relativeError(stepper.current, final) < 1e-12)
    }

    @Test("affineResponse predicts the next step's voltage without changing state")
    func affineResponse() {
        var stepper = CircuitStepper(network: FosterNetwork(
            seriesResistance: 0.1, inductance: 1e-6, elastance: 3,
            branches: [.init(resistance: 0.2, timeConstant: 1e-3), .init(resistance: 0.3, timeConstant: 0.5)]))
        stepper.step(current: 0.2, dt: 1e-4)
        stepper.step(current: -0.1, dt: 1e-4)
        let before = stepper.branchVoltages
        let (offset, slope) = stepper.affineResponse(dt: 2e-4)
        #expect(stepper.branchVoltages == before)
        let v = stepper.step(current: 0.7, dt: 2e-4)
        #expect(abs(v - (offset + slope * 0.7)) < 1e-13)
    }

    @Test("update(network:) keeps the branch state")
    func update() {
        var stepper = CircuitStepper(network: .parallelRC(resistance: 1, capacitance: 1))
        stepper.step(current: 1, dt: 0.5)
        let charged = stepper.branchVoltages[0]
        stepper.update(network: .parallelRC(resistance: 2, capacitance: 0.5))
        #expect(stepper.branchVoltages[0] == charged)
        // Zero current: the stored voltage relaxes with the new τ = 1 s.
        var zero = stepper
        zero.step(current: 0, dt: 1e-12)
        let v = zero.step(current: 0, dt: 1)
        #expect(relativeError(v, charged * Double.exp(-1)) < 1e-9)
    }

    // MARK: Lock-in

    /// Drives a sine current and fits offset + drift + sin + cos to the voltage
    /// over whole periods after settling.
    static func lockIn(network: FosterNetwork, hertz: Double, amplitude: Double) -> Complex<Double> {
        let samplesPerPeriod = 64, settling = 6, measured = 4
        let w = 2 * Double.pi * hertz
        let dt = 1 / (hertz * Double(samplesPerPeriod))
        var stepper = CircuitStepper(network: network.reduced(forStep: dt))
        let total = (settling + measured) * samplesPerPeriod
        let start = settling * samplesPerPeriod
        var design = Matrix(rows: total - start, columns: 4)
        var voltages: [Double] = []
        for k in 1...total {
            let t = Double(k) * dt
            let v = stepper.step(current: amplitude * Double.sin(w * t), dt: dt)
            guard k > start else { continue }
            let row = k - start - 1
            design[row, 0] = 1
            design[row, 1] = Double(row) / Double(total - start)
            design[row, 2] = Double.sin(w * t)
            design[row, 3] = Double.cos(w * t)
            voltages.append(v)
        }
        let fit = LeastSquares.solve(design, voltages)
        // v = |Z|·I·sin(ωt + φ) = I·(Re Z·sin ωt + Im Z·cos ωt).
        return Complex(fit[2], fit[3]) / Complex(amplitude)
    }

    @Test("lock-in of R0-p(R1,CPE1)-Wo1 matches the circuit within 1 % from 1 MHz to 0.1 Hz")
    func lockInConsistency() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)-Wo1")
        let p = [0.05, 0.1, 4e-3, 0.85, 0.1, 1.0]
        let network = try FosterNetwork(circuit: circuit, parameters: p, band: FrequencyBand(lowest: 0.1, highest: 1e6))
        for hertz in [1e6, 1e5, 1e4, 1e3, 1e2, 10, 1, 0.1] {
            let measured = Self.lockIn(network: network, hertz: hertz, amplitude: 1e-3)
            let expected = circuit.impedance(frequency: hertz, parameters: p)
            #expect(relativeError(measured, expected) < 0.01, "at \(hertz) Hz: \(measured) vs \(expected)")
        }
    }
}

@Suite("CircuitStepper folding and rescaling")
struct CircuitStepperFoldingTests {
    /// A ladder from nanoseconds to hours, as the simulated cell uses.
    static let ladder = FosterNetwork(
        seriesResistance: 2, inductance: 3e-8, elastance: 0.01,
        branches: stride(from: -9.0, through: 4, by: 0.5).map {
            FosterNetwork.Branch(resistance: 1 + ($0 + 9) / 10, timeConstant: Double.pow(10, $0))
        })

    /// Unfolded reference: each branch stepped on its own, exactly.
    static func reference(_ network: FosterNetwork, currents: [Double], dt: Double) -> [Double] {
        network.branches.map { b in
            var stepper = CircuitStepper(network: FosterNetwork(branches: [b]))
            var v = 0.0
            for i in currents { v = stepper.step(current: i, dt: dt) }
            return v
        }
    }

    @Test func foldedBranchesMatchTheirExactSolution() {
        var stepper = CircuitStepper(network: Self.ladder)
        let currents = (0..<50).map { 1e-3 * Double.sin(Double($0) / 7) }
        for i in currents { stepper.step(current: i, dt: 1) }
        let expected = Self.reference(Self.ladder, currents: currents, dt: 1)
        for (got, want) in zip(stepper.branchVoltages, expected) {
            #expect(abs(got - want) <= 1e-12 * max(abs(want), 1e-9))
        }
    }

    @Test func changingTheStepUnfoldsWithoutLosingState() {
        var folded = CircuitStepper(network: Self.ladder)
        var reference = Self.ladder.branches.map { CircuitStepper(network: FosterNetwork(branches: [$0])) }
        for (dt, i) in [(1.0, 1e-3), (1.0, 2e-3), (1e-6, 2e-3), (1e-6, -1e-3), (10.0, 5e-4)] {
            folded.step(current: i, dt: dt)
            for k in reference.indices { reference[k].step(current: i, dt: dt) }
        }
        for (got, want) in zip(folded.branchVoltages, reference.map { $0.branchVoltages[0] }) {
            #expect(abs(got - want) <= 1e-12 * max(abs(want), 1e-9))
        }
    }

    @Test func scalingResistancesEqualsUpdatingTheNetwork() {
        var scaled = CircuitStepper(network: Self.ladder)
        var updated = CircuitStepper(network: Self.ladder)
        for i in [1e-3, 2e-3, 1.5e-3] {
            scaled.step(current: i, dt: 1)
            updated.step(current: i, dt: 1)
        }
        scaled.scaleResistances(by: 1.7)
        var bigger = Self.ladder
        bigger.seriesResistance *= 1.7
        for k in bigger.branches.indices { bigger.branches[k].resistance *= 1.7 }
        updated.update(network: bigger)
        for i in [-1e-3, 0, 4e-3] {
            let a = scaled.step(current: i, dt: 1)
            let b = updated.step(current: i, dt: 1)
            #expect(abs(a - b) <= 1e-12 * abs(b))
        }
        #expect(scaled.network == updated.network)
    }
}

@Suite("CircuitStepper under voltage drive")
struct CircuitStepperVoltageDriveTests {
    /// R in series with C, stepped to 1 V with steps 1000× its time constant:
    /// the trapezoidal rule would alternate the current's sign for thousands of
    /// steps; the fitted weight charges the capacitor exactly, without ringing.
    @Test(arguments: [1e-6, 1e-3, 1.0, 1000.0])
    func aStiffSeriesCapacitorChargesExactly(stepOverTau: Double) {
        let r = 50.0, c = 4e-6, tau = r * c
        var stepper = CircuitStepper(network: FosterNetwork(seriesResistance: r, elastance: 1 / c))
        let dt = stepOverTau * tau
        var previous = Double.infinity
        var remaining = 1.0
        for _ in 1...20 {
            let i = stepper.step(voltage: 1, dt: dt)
            #expect(i >= 0 && i <= previous)
            previous = i
            // Past the first step (the voltage ramps up across it), what is
            // left to charge decays by exactly e^(−dt/τ) each step.
            let left = 1 - stepper.capacitorVoltage
            if remaining < 1, remaining > 1e-6 {
                #expect(abs(left / remaining - Double.exp(-stepOverTau)) < 1e-7)
            }
            remaining = left
        }
    }

    @Test func theFittedWeightIsOneHalfForSlowCapacitorsAndZeroForStiffOnes() {
        #expect(abs(CircuitStepper.exponentiallyFittedWeight(elastanceTimesStep: 1e-9, resistance: 1) - 0.5) < 1e-9)
        #expect(CircuitStepper.exponentiallyFittedWeight(elastanceTimesStep: 1e6, resistance: 1) < 1e-5)
        #expect(CircuitStepper.exponentiallyFittedWeight(elastanceTimesStep: 0, resistance: 1) == 0.5)
    }
}
