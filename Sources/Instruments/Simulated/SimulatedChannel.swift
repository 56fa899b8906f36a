import CellSimulator
import Electrochemistry

/// The potentiostat side of a simulated bench: the cell, the output it is
/// driven with and the readings' noise, stepped as one value so the bench
/// can go back to an earlier copy (see `SampleReadAhead`).
struct SimulatedChannel {
    var cell: SimulatedCell
    var setpoint: SourceSetpoint = .openCircuit
    /// The output is in compliance: held at the limit the setpoint names.
    var compliance: SourceSetpoint?
    var sampleInterval = 1.0
    let noise: InstrumentNoise
    var random: SeededRandom
    /// Simulated time since the setpoint last changed (s). Compliance
    /// transitions do not reset it: they start from the present state.
    var sinceOutputChange = 0.0

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

    /// What the output holds now: the setpoint, or the limit it fell back to in compliance.
    var output: SourceSetpoint { compliance ?? setpoint }

    mutating func apply(_ newSetpoint: SourceSetpoint) {
        setpoint = newSetpoint
        compliance = nil
        sinceOutputChange = 0
    }

    /// Advances one sample interval under the setpoint and reads the channel.
    mutating func nextSample() -> Sample {
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

    /// The next `count` samples, as `nextSample()` gives them one by one:
    /// a bench reading ahead then accesses its channel once per batch (each
    /// access to an actor's property is checked for exclusivity at run time).
    mutating func nextSamples(_ count: Int) -> [Sample] {
        var samples: [Sample] = []
        samples.reserveCapacity(count)
        for _ in 0..<count { samples.append(nextSample()) }
        return samples
    }

    /// One step under the setpoint; a galvanostat that reaches its voltage
    /// compliance holds that voltage (and a potentiostat its current limit)
    /// until the cell would draw less than the setpoint again.
    private mutating func advance(dt: Double) {
        switch output {
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
}
