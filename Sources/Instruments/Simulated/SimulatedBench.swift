import CellSimulator
import Electrochemistry

/// One simulated cell with a potentiostat, a pressure rig and a temperature
/// chamber attached, all in process.
///
/// The bench is one actor because its instruments share one cell: a current
/// applied through the potentiostat moves the pressure the rig reads. Time is
/// simulated; with a `speed` other than `.maximum` the bench also sleeps on the
/// injected clock so that a run takes the wall time it would take on hardware,
/// on a schedule that makes up for late wake-ups (`PacedSchedule`).
/// At `.maximum` it computes samples ahead of the consumer (`SampleReadAhead`);
/// every other call first settles them, so nothing can tell.
public actor SimulatedBench {
    public nonisolated let definition: CellDefinition
    public nonisolated let address: String
    private var channel: SimulatedChannel
    /// The load cell's and chamber's own noise, so polling them (at wall-clock
    /// times) leaves the potentiostat's readings reproducible.
    private var sensorRandom: SeededRandom
    private let clock: any Clock<Duration>
    /// When each sample is due, or nil at maximum speed.
    private var schedule: PacedSchedule?

    /// Samples computed ahead, handed to the potentiostat without a hop.
    nonisolated let readAhead = SampleReadAhead()
    /// The channel as it was before the samples read ahead.
    private var beforeReadAhead: SimulatedChannel?
    /// How many samples to compute ahead next: doubled while the consumer
    /// takes them all, back to one when it stops early (a step ends, the
    /// interval changes), so little is computed and thrown away.
    private var readAheadLength = 1
    static let longestReadAhead = 64

    public init(definition: CellDefinition, seed: UInt64 = 0, noise: InstrumentNoise = InstrumentNoise(),
                speed: SimulationSpeed = .maximum, clock: any Clock<Duration> = ContinuousClock()) {
        self.definition = definition
        self.address = "sim:\(definition.name)"
        self.channel = SimulatedChannel(cell: SimulatedCell(definition: definition, seed: seed), noise: noise,
                                        random: SeededRandom(seed: seed &+ 0x5EED))
        self.sensorRandom = SeededRandom(seed: seed &+ 0x5E45)
        self.clock = clock
        self.schedule = speed.simulatedSecondsPerClockSecond.map { PacedSchedule(speed: $0, clock: clock) }
    }

    /// The potentiostat channel on this bench.
    public nonisolated var potentiostat: SimulatedPotentiostat { SimulatedPotentiostat(bench: self) }
    /// The pressure rig (load cell plus actuator).
    public nonisolated var pressureRig: SimulatedPressureRig { SimulatedPressureRig(bench: self) }
    /// The temperature chamber.
    public nonisolated var chamber: SimulatedChamber { SimulatedChamber(bench: self) }

    /// The simulated cell's state, for tests that compare against truth.
    public var truth: SimulatedCell {
        settle()
        return channel.cell
    }

    /// What the output holds now: the setpoint, or the limit it fell back to in compliance.
    public var output: SourceSetpoint {
        settle()
        return channel.output
    }

    /// Simulated seconds since the bench started.
    public var time: Double {
        settle()
        return channel.cell.state.time
    }

    /// Forgets the samples read ahead and not taken: the channel goes back
    /// to just after the last one the consumer took.
    private func settle() {
        let (taken, untaken) = readAhead.settle()
        if let before = beforeReadAhead {
            beforeReadAhead = nil
            if untaken > 0 {
                channel = before
                for _ in 0..<taken { _ = channel.nextSample() }
                readAheadLength = 1
            }
        }
    }

    func apply(_ newSetpoint: SourceSetpoint) {
        settle()
        channel.apply(newSetpoint)
    }

    func setSampleInterval(_ seconds: Double) {
        settle()
        channel.sampleInterval = seconds
    }

    /// Advances one sample interval under the setpoint and reads the channel;
    /// at maximum speed, computes the next few samples too.
    func nextSample() async throws -> Sample {
        settle()
        if schedule != nil {
            let now = channel.cell.state.time
            try await sleep(from: now, to: now + channel.sampleInterval)
            return channel.nextSample()
        }
        beforeReadAhead = channel
        let samples = channel.nextSamples(readAheadLength)
        readAheadLength = min(2 * readAheadLength, Self.longestReadAhead)
        readAhead.offer(samples)
        return readAhead.take() ?? samples[0]
    }

    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        settle()
        let start = channel.cell.state.time
        let spectrum = channel.cell.measureImpedance(frequencies: request.frequencies, excitation: request.excitation,
                                                     noise: channel.noise)
        try await sleep(from: start, to: channel.cell.state.time)
        return spectrum
    }

    /// Waits, when paced, until the cell may be seen at simulated time `next`.
    private func sleep(from current: Double, to next: Double) async throws {
        guard let delay = schedule?.delay(from: current, to: next), delay > .zero else { return }
        try await clock.sleep(for: delay)
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
        settle()
        channel.apply(.openCircuit)
    }

    func readPressure() -> Double {
        settle()
        return channel.noise.pressure(channel.cell.pressure, &sensorRandom)
    }
    func setAppliedPressure(_ pascal: Double) {
        settle()
        channel.cell.setAppliedPressure(pascal)
    }
    func readTemperature() -> Double {
        settle()
        return channel.noise.temperature(channel.cell.state.temperature, &sensorRandom)
    }
    func setChamberTemperature(_ kelvin: Double) {
        settle()
        channel.cell.setAmbientTemperature(kelvin)
    }
    var chamberTemperature: Double {
        settle()
        return channel.cell.state.ambientTemperature
    }

    /// Jumps the cell to `kelvin` (a finished equilibration), for tools that
    /// measure at a temperature rather than follow a ramp.
    public func equilibrate(temperature kelvin: Double) {
        settle()
        channel.cell.equilibrate(temperature: kelvin)
    }

    /// Lets the cell rest at open circuit for `seconds`, in large steps.
    public func rest(seconds: Double) {
        settle()
        channel.setpoint = .openCircuit
        var remaining = seconds
        while remaining > 0 {
            let dt = min(remaining, 60)
            channel.cell.step(current: 0, dt: dt)
            remaining -= dt
        }
    }
}
