import CellSimulator
import CyclerConfiguration
import LiveModel

/// A simulated cell driven sample by sample, each sample fed through the
/// instrument noise into a live model, with the simulator's truth kept beside
/// the estimates. Tests and benchmarks build their profiles from its steps.
public struct SimulatedRun {
    public var cell: SimulatedCell
    public var model: LiveModel
    public let noise: InstrumentNoise
    private var random: SeededRandom
    /// s: the sampling interval of `hold` and `rest` unless told otherwise.
    public var interval: Double
    /// s: longest internal simulator step under current.
    public var maximumStep = 10.0
    /// Every sample's truth and estimate, when `recording`.
    public var recording = true
    /// A: what the current sensor reads with no current through the cell.
    public var currentOffset = 0.0
    public private(set) var times: [Double] = []
    public private(set) var trueStateOfCharge: [Double] = []
    public private(set) var estimatedStateOfCharge: [Double] = []
    public private(set) var estimatedSigma: [Double] = []
    public private(set) var measuredPressure: [Double] = []
    public private(set) var expectedPressure: [Double] = []
    /// Every alarm, and the time of every sample.
    public private(set) var alarms: [Alarm] = []
    public private(set) var samples = 0
    /// The last sample fed to the model.
    public private(set) var last: Measurement?
    /// Every sample fed to the model, when `keepingMeasurements` (for replay).
    public var keepingMeasurements = false
    public private(set) var measurements: [Measurement] = []

    /// Full cells start at 2 % SOC or above: the simulator continues its OCV
    /// below the table's end with a steep wall that a current step from
    /// exactly 0 % runs into within seconds.
    public init(definition: CellDefinition, configuration: LiveModelConfiguration, noise: InstrumentNoise = InstrumentNoise(),
                interval: Double = 1, seed: UInt64 = 1) {
        var definition = definition
        if definition.kind == .full { definition.initialStateOfCharge = max(definition.initialStateOfCharge, 0.02) }
        self.cell = SimulatedCell(definition: definition, seed: seed)
        self.model = LiveModel(configuration: configuration)
        self.noise = noise
        self.random = SeededRandom(seed: seed &+ 0x5EED)
        self.interval = interval
    }

    /// Steps the cell `dt` seconds at `current` and feeds the reading to the
    /// model. Internal steps are at most `maximumStep` under current (the
    /// stepper is exact for a held current; the slow state moves little in
    /// 10 s) and a minute at rest, as the simulated bench rests.
    @discardableResult
    public mutating func sample(current: Double, dt: Double) -> LiveEstimate {
        var remaining = dt
        let longest = current == 0 ? 60 : maximumStep
        // The simulator ramps the current over a step; a millisecond's ramp
        // makes the change a step, so the current is held over the interval
        // as the sample reports it.
        if current != cell.current {
            let ramp = min(remaining, 1e-3)
            cell.step(current: current, dt: ramp)
            remaining -= ramp
        }
        while remaining > 1e-12 {
            let step = min(remaining, longest)
            cell.step(current: current, dt: step)
            remaining -= step
        }
        return read()
    }

    /// Steps the cell `dt` seconds with its terminal voltage held at
    /// `voltage` (a CV hold) and feeds the reading to the model.
    @discardableResult
    public mutating func sample(voltage: Double, dt: Double) -> LiveEstimate {
        var remaining = dt
        while remaining > 1e-12 {
            let step = min(remaining, maximumStep)
            cell.step(voltage: voltage, dt: step)
            remaining -= step
        }
        return read()
    }

    /// Reads the cell through the instrument noise and feeds the reading to the model.
    private mutating func read() -> LiveEstimate {
        let m = Measurement(time: cell.state.time, current: noise.current(cell.current, &random) + currentOffset,
                            voltage: noise.voltage(cell.voltage, &random), pressure: noise.pressure(cell.pressure, &random),
                            temperature: noise.temperature(cell.state.temperature, &random))
        last = m
        if keepingMeasurements { measurements.append(m) }
        let estimate = model.update(m)
        samples += 1
        alarms += estimate.alarms
        if recording {
            times.append(m.time)
            trueStateOfCharge.append(cell.state.stateOfCharge)
            estimatedStateOfCharge.append(estimate.stateOfCharge ?? .nan)
            estimatedSigma.append(estimate.stateOfChargeSigma ?? .nan)
            measuredPressure.append(m.pressure ?? .nan)
            expectedPressure.append(estimate.expectedPressure ?? .nan)
        }
        return estimate
    }

    /// Holds `current` for `seconds`, sampling every `interval` (or the run's).
    public mutating func hold(current: Double, seconds: Double, interval: Double? = nil) {
        let dt = interval ?? self.interval
        var elapsed = 0.0
        while elapsed < seconds - 1e-9 {
            sample(current: current, dt: min(dt, seconds - elapsed))
            elapsed += dt
        }
    }

    public mutating func rest(seconds: Double, interval: Double? = nil) {
        hold(current: 0, seconds: seconds, interval: interval)
    }

    /// Holds `current` until the voltage crosses `limit` (upward for a
    /// positive current) or `timeout` seconds pass; returns whether it crossed.
    @discardableResult
    public mutating func hold(current: Double, untilVoltage limit: Double, timeout: Double) -> Bool {
        var elapsed = 0.0
        while elapsed < timeout {
            sample(current: current, dt: interval)
            elapsed += interval
            if current > 0 ? cell.voltage >= limit : cell.voltage <= limit { return true }
        }
        return false
    }

    /// A dynamic profile for `seconds`: a repeating 120 s pattern of pulses
    /// between +1C and −2C with rests, whose mean is `meanCRate`·C (a
    /// urban-drive-like load as battery-management papers use). Stops early
    /// when the voltage falls below `floor`, as a cycler's cut-off would.
    public mutating func drive(seconds: Double, meanCRate: Double, capacity: Double, floor: Double = -.infinity) {
        let pattern: [(cRate: Double, seconds: Double)] = [
            (-1.0, 20), (-2.0, 10), (0, 10), (0.5, 10), (-0.5, 30), (1.0, 10), (0, 10), (-1.5, 20),
        ]
        let patternMean = pattern.reduce(0) { $0 + $1.cRate * $1.seconds } / pattern.reduce(0) { $0 + $1.seconds }
        let shift = meanCRate - patternMean
        var elapsed = 0.0
        while elapsed < seconds {
            for (rate, length) in pattern where elapsed < seconds {
                let amps = (rate + (rate == 0 ? 0 : shift)) * capacity / 3600
                var held = 0.0
                while held < min(length, seconds - elapsed) {
                    sample(current: amps, dt: interval)
                    held += interval
                    if cell.voltage < floor { return }
                }
                elapsed += length
            }
        }
    }

    /// Root-mean-square SOC error over the recorded samples from `start` on (s).
    public func socRMSE(from start: Double = 0) -> Double {
        var sum = 0.0, n = 0.0
        for k in times.indices where times[k] >= start && estimatedStateOfCharge[k].isFinite {
            let e = estimatedStateOfCharge[k] - trueStateOfCharge[k]
            sum += e * e
            n += 1
        }
        return n > 0 ? (sum / n).squareRoot() : .nan
    }

    /// The first time (s) after which the SOC error stays within `band`.
    public func convergenceTime(band: Double) -> Double? {
        var settled: Double?
        for k in times.indices {
            let e = abs(estimatedStateOfCharge[k] - trueStateOfCharge[k])
            if e > band { settled = nil } else if settled == nil { settled = times[k] }
        }
        return settled
    }

    /// Forgets the recorded series (keeps the cell, the model and the alarms).
    public mutating func clearRecording() {
        times.removeAll(); trueStateOfCharge.removeAll(); estimatedStateOfCharge.removeAll()
        estimatedSigma.removeAll(); measuredPressure.removeAll(); expectedPressure.removeAll()
    }
}
