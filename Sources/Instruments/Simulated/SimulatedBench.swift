import CellSimulator
import Electrochemistry

/// One simulated cell with a potentiostat, a pressure rig and a temperature
/// chamber attached, all in process.
///
/// The bench is one actor because its instruments share one cell: a current
/// applied through the potentiostat moves the pressure the rig reads. Time is
/// simulated; with a `speed` other than `.maximum` the bench also sleeps on the
/// injected clock so that a run takes the wall time it would take on hardware.
public actor SimulatedBench {
    public nonisolated let definition: CellDefinition
    public nonisolated let address: String
    private var cell: SimulatedCell
    private var setpoint: SourceSetpoint = .openCircuit
    /// The output is in compliance: held at the limit the setpoint names.
    private var compliance: SourceSetpoint?
    private var sampleInterval = 1.0
    private let noise: InstrumentNoise
    private var random: SeededRandom
    /// The load cell's and chamber's own noise, so polling them (at wall-clock
    /// times) leaves the potentiostat's readings reproducible.
    private var sensorRandom: SeededRandom
    private let speed: SimulationSpeed
    private let clock: any Clock<Duration>

    /// Longest internal step: keeps compliance and short onset faithful
    /// when samples are minutes apart.
    static let maximumStep = 1.0
    /// How close to a voltage compliance limit a galvanostatic step is taken
    /// so that it can be repeated under the compliance if it crosses (V).
    static let complianceApproach = 0.2
    /// First step after the output changes mode or level (s). Steps then grow
    /// with the time since the change, so a transient faster than the sample
    /// interval (a blocking electrode's RC charging, a double layer) is
    /// resolved the way a real control loop settles it, instead of ringing in
    /// the integrator when one step spans many of its time constants.
    static let settlingStep = 1e-6
    /// Simulated time since the setpoint last changed (s). Compliance
    /// transitions do not reset it: they start from the present state.
    private var sinceOutputChange = 0.0

    public init(definition: CellDefinition, seed: UInt64 = 0, noise: InstrumentNoise = InstrumentNoise(),
                speed: SimulationSpeed = .maximum, clock: any Clock<Duration> = ContinuousClock()) {
        self.definition = definition
        self.address = "sim:\(definition.name)"
        self.cell = SimulatedCell(definition: definition, seed: seed)
        self.noise = noise
        self.random = SeededRandom(seed: seed &+ 0x5EED)
        self.sensorRandom = SeededRandom(seed: seed &+ 0x5E45)
        self.speed = speed
        self.clock = clock
    }

    /// The potentiostat channel on this bench.
    public nonisolated var potentiostat: SimulatedPotentiostat { SimulatedPotentiostat(bench: self) }
    /// The pressure rig (load cell plus actuator).
    public nonisolated var pressureRig: SimulatedPressureRig { SimulatedPressureRig(bench: self) }
    /// The temperature chamber.
    public nonisolated var chamber: SimulatedChamber { SimulatedChamber(bench: self) }

    /// The simulated cell's state, for tests that compare against truth.
    public var truth: SimulatedCell { cell }

    /// What the output holds now: the setpoint, or the limit it fell back to in compliance.
    public var output: SourceSetpoint { compliance ?? setpoint }

    /// Simulated seconds since the bench started.
    public var time: Double { cell.state.time }

    func apply(_ newSetpoint: SourceSetpoint) {
        setpoint = newSetpoint
        compliance = nil
        sinceOutputChange = 0
    }

    func setSampleInterval(_ seconds: Double) {
        sampleInterval = seconds
    }

    /// Advances one sample interval under the setpoint and reads the channel.
    func nextSample() async throws -> Sample {
        if let wait = speed.wait(for: sampleInterval) { try await clock.sleep(for: wait) }
        var remaining = sampleInterval
        while remaining > 1e-12 {
            let dt = min(remaining, Self.maximumStep, max(Self.settlingStep, sinceOutputChange))
            advance(dt: dt)
            sinceOutputChange += dt
            remaining -= dt
        }
        return Sample(time: cell.state.time,
                      voltage: noise.voltage(cell.voltage, &random),
                      current: noise.current(cell.current, &random),
                      pressure: noise.pressure(cell.pressure, &random),
                      temperature: noise.temperature(cell.state.temperature, &random))
    }

    /// One step under the setpoint; a galvanostat that reaches its voltage
    /// compliance holds that voltage (and a potentiostat its current limit)
    /// until the cell would draw less than the setpoint again.
    private func advance(dt: Double) {
        switch compliance ?? setpoint {
        case .openCircuit:
            cell.step(current: 0, dt: dt)
        case .current(let i, let limits):
            // Near a limit a step that would cross it is taken under the
            // compliance instead: an analog compliance loop never lets the
            // voltage past its limit, however steep the curve (a full cell's
            // end of charge).
            let before = cell.voltage
            let nearLimit = before > limits.upperBound - Self.complianceApproach || before < limits.lowerBound + Self.complianceApproach
            let planned = cell.plannedStep(current: i, dt: dt)
            let v = planned.voltage
            guard !limits.contains(v) else { return cell.take(planned) }
            let bound = v > limits.upperBound ? limits.upperBound : limits.lowerBound
            // A potentiostat limited in current returns to its setpoint voltage;
            // a galvanostat holds its compliance voltage.
            if case .voltage = setpoint {
                compliance = nil
                cell.take(planned)
            } else {
                compliance = .voltage(bound, currentLimit: abs(i))
                if nearLimit {
                    cell.step(voltage: bound, dt: dt)
                } else {
                    cell.take(planned)
                }
            }
        case .voltage(let v, let limit):
            let i = cell.step(voltage: v, dt: dt)
            guard abs(i) > limit else { return }
            if case .current = setpoint {
                compliance = nil
            } else {
                compliance = .current(i > 0 ? limit : -limit, voltageLimits: i > 0 ? -100...v : v...100)
            }
        }
    }

    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        let start = cell.state.time
        let spectrum = cell.measureImpedance(frequencies: request.frequencies, excitation: request.excitation, noise: noise)
        if let wait = speed.wait(for: cell.state.time - start) { try await clock.sleep(for: wait) }
        return spectrum
    }

    /// Whether safe-state commands fail, as a welded relay or a hung
    /// firmware would make them: set by tests of the alarm that raises.
    private var refusesSafeState = false

    /// Makes every safe-state command fail (`true`) or work again.
    public func setRefusesSafeState(_ refuses: Bool) {
        refusesSafeState = refuses
    }

    func enterSafeState() throws(SimulatedBenchFault) {
        guard !refusesSafeState else {
            throw SimulatedBenchFault(address: address, detail: "the output relay did not open (fault injected); the output stays as it was")
        }
        setpoint = .openCircuit
        compliance = nil
        sinceOutputChange = 0
    }

    func readPressure() -> Double { noise.pressure(cell.pressure, &sensorRandom) }
    func setAppliedPressure(_ pascal: Double) { cell.setAppliedPressure(pascal) }
    func readTemperature() -> Double { noise.temperature(cell.state.temperature, &sensorRandom) }
    func setChamberTemperature(_ kelvin: Double) { cell.setAmbientTemperature(kelvin) }
    var chamberTemperature: Double { cell.state.ambientTemperature }

    /// Jumps the cell to `kelvin` (a finished equilibration), for tools that
    /// measure at a temperature rather than follow a ramp.
    public func equilibrate(temperature kelvin: Double) { cell.equilibrate(temperature: kelvin) }

    /// Lets the cell rest at open circuit for `seconds`, in large steps.
    public func rest(seconds: Double) {
        setpoint = .openCircuit
        var remaining = seconds
        while remaining > 0 {
            let dt = min(remaining, 60)
            cell.step(current: 0, dt: dt)
            remaining -= dt
        }
    }
}
