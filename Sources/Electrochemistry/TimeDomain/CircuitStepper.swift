import Numerics
/// Drives a `FosterNetwork` with a current or voltage waveform.
///
/// Each branch obeys `dv/dt = (R·I − v)/τ`, integrated exactly for a current
/// that is linear across the step (first-order hold), so the scheme is stable
/// at any `dt` and exact for piecewise-linear currents. A voltage-driven step
/// solves the same update for the current, which is linear in it.
///
/// Branches far faster than the step (τ < dt/40, decay below 1e-17) have no
/// memory left at the step's end: their voltage is an exact linear function of
/// the currents at both ends of the step. They are folded into two sums, so a
/// ladder spanning nanoseconds to hours costs only its slow branches per step.
public struct CircuitStepper: Sendable {
    /// How the drive moves across a step, which decides how the series
    /// capacitor is integrated.
    public enum Drive: Sendable {
        /// The current is linear across the step (a current source, or a
        /// sampled smooth waveform such as an EIS sine): the trapezoidal
        /// update is exact, and keeps a sine's phase.
        case linearCurrent
        /// A voltage source holding (or ramping to) a level, behind
        /// `externalResistance` (Ω) of other elements in series. A stiff
        /// capacitor (charged within a fraction of the step) would ring under
        /// the trapezoidal rule, so its weight is exponentially fitted: exact
        /// for R in series with C, and L-stable. So is every slow branch's
        /// (a CPE's ladder is slow branches that act as capacitors over a step).
        case voltageHold(externalResistance: Double)
    }

    public private(set) var network: FosterNetwork
    /// Voltage across the series capacitor, if any (V).
    public private(set) var capacitorVoltage = 0.0
    /// The current at the end of the last step (A).
    public private(set) var current = 0.0
    /// The current at the start of the last step (A): folded branches depend on it.
    private var previousCurrent = 0.0

    /// Branch voltages while no step length is prepared (V); stale otherwise.
    private var storedVoltages: [Double]
    /// Coefficients for `cachedStep`, for every branch (used to rebuild folded voltages).
    private var cachedStep = -1.0
    private var fromPrevious: [Double] = []
    private var fromNext: [Double] = []
    /// The slow branches with their coefficients and voltages, one element
    /// each, so the hot loops read one buffer and retain nothing.
    private var slow: ContiguousArray<SlowBranch> = []
    /// The external resistance the slow branches' hold coefficients are
    /// prepared for (NaN: not prepared), and their addition to `nextSlope`.
    private var holdExternal = Double.nan
    private var holdSlope = 0.0
    /// The folded branches' summed coefficients.
    private var foldedFromPrevious = 0.0
    private var foldedFromNext = 0.0
    private var nextSlope = 0.0
    /// The series capacitor's and inductor's part of `nextSlope`.
    private var reactiveSlope = 0.0

    /// `dt/τ` beyond which a branch is folded: e^-40 ≈ 4e-18.
    static let foldingRatio = 40.0

    /// A branch that keeps memory over the prepared step.
    private struct SlowBranch {
        /// Its position in the network's branches.
        var index: Int
        var decay: Double
        var fromPrevious: Double
        var fromNext: Double
        /// The same under `Drive.voltageHold` behind `holdExternal`.
        var holdFromPrevious = 0.0
        var holdFromNext = 0.0
        /// Its voltage (V).
        var voltage: Double
    }

    public init(network: FosterNetwork) {
        self.network = network
        self.storedVoltages = Array(repeating: 0, count: network.branches.count)
    }

    /// Branch voltages (V), in the network's branch order.
    public var branchVoltages: [Double] {
        var copy = self
        copy.unprepare()
        return copy.storedVoltages
    }

    /// Swaps in a network of the same shape with new values, keeping the
    /// branch charges' voltages (for slowly ageing cells).
    public mutating func update(network newNetwork: FosterNetwork) {
        precondition(newNetwork.branches.count == network.branches.count, "update keeps the number of branches")
        unprepare()
        network = newNetwork
    }

    /// Multiplies every resistance of the network by `factor`, keeping the
    /// branch voltages and time constants. Cheaper than `update(network:)`:
    /// the prepared coefficients scale instead of being rebuilt.
    public mutating func scaleResistances(by factor: Double) {
        network.seriesResistance *= factor
        for k in network.branches.indices { network.branches[k].resistance *= factor }
        guard cachedStep > 0 else { return }
        for k in fromNext.indices {
            fromNext[k] *= factor
            fromPrevious[k] *= factor
        }
        for j in slow.indices {
            slow[j].fromNext *= factor
            slow[j].fromPrevious *= factor
        }
        foldedFromNext *= factor
        foldedFromPrevious *= factor
        holdExternal = .nan
        // Every term of the slope but the capacitor's and inductor's is resistive.
        nextSlope = reactiveSlope + factor * (nextSlope - reactiveSlope)
    }

    /// Moves the state out of the packed arrays so the coefficients can change.
    private mutating func unprepare() {
        guard cachedStep > 0 else { return }
        for k in storedVoltages.indices {
            storedVoltages[k] = fromNext[k] * current + fromPrevious[k] * previousCurrent
        }
        for branch in slow {
            storedVoltages[branch.index] = branch.voltage
        }
        cachedStep = -1
    }

    private mutating func prepare(_ dt: Double) {
        guard dt != cachedStep else { return }
        unprepare()
        cachedStep = dt
        holdExternal = .nan
        let n = network.branches.count
        fromPrevious.removeAll(keepingCapacity: true)
        fromNext.removeAll(keepingCapacity: true)
        fromPrevious.append(contentsOf: repeatElement(0, count: n))
        fromNext.append(contentsOf: repeatElement(0, count: n))
        slow.removeAll(keepingCapacity: true)
        foldedFromPrevious = 0
        foldedFromNext = 0
        reactiveSlope = network.elastance * dt / 2 + network.inductance / dt
        var slope = network.seriesResistance + reactiveSlope
        for (k, b) in network.branches.enumerated() {
            let x = dt / b.timeConstant
            if x > Self.foldingRatio {
                // No memory: g = (1 − a)/x = 1/x exactly to double precision.
                fromNext[k] = b.resistance * (1 - 1 / x)
                fromPrevious[k] = b.resistance / x
                foldedFromNext += fromNext[k]
                foldedFromPrevious += fromPrevious[k]
            } else {
                // g = (1 − a)/x. For slow branches 1 − g and g − a are both ≈ x/2
                // and would cancel to a few digits, so build them from expm1 and
                // g's series instead (about 1e-13 relative at any x).
                let a = Double.exp(-x)
                let oneMinusA = -Double.expMinusOne(-x)
                let oneMinusG = x < 1e-3
                    ? x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x / 120)))
                    : 1 - oneMinusA / x
                fromNext[k] = b.resistance * oneMinusG
                fromPrevious[k] = b.resistance * (oneMinusA - oneMinusG)
                slow.append(SlowBranch(index: k, decay: a, fromPrevious: fromPrevious[k], fromNext: fromNext[k],
                                       voltage: storedVoltages[k]))
            }
            slope += fromNext[k]
        }
        nextSlope = slope
    }

    /// θ such that the θ-method for R in series with C driven by a constant
    /// voltage decays exactly as e^(−h), h = dt/RC: θ = 1/h − 1/(eʰ − 1).
    static func exponentiallyFittedWeight(elastanceTimesStep: Double, resistance: Double) -> Double {
        guard elastanceTimesStep > 0 else { return 0.5 }
        guard resistance > 0 else { return 0 }
        return exponentiallyFittedWeight(rate: elastanceTimesStep / resistance)
    }

    /// θ = 1/h − 1/(eʰ − 1) for a decay e^(−h) over the step.
    static func exponentiallyFittedWeight(rate h: Double) -> Double {
        h < 1e-3 ? 0.5 - h / 12 : 1 / h - 1 / Double.expMinusOne(h)
    }

    /// Prepares the slow branches' coefficients for a voltage hold behind
    /// `external` (Ω).
    ///
    /// Each slow branch (R_k ‖ C_k, τ_k = R_k·C_k) takes the charge
    /// R_k(1 − e^(−x_k))·[θ·I₀ + (1 − θ)·I₁] over a step, x_k = dt/τ_k. The
    /// first-order hold weights the starting current by about ½ (the
    /// trapezoidal rule), right for a current that moves slowly across the
    /// step. Under a held voltage the current is set by the circuit, not by
    /// the branch: the slow branches all carry it and charge in series
    /// through the resistance around them, so it decays at about
    /// h = Σ R_k(1 − e^(−x_k)) / R_e over a step, which for a CPE (dozens of
    /// branches per decade) is stiff even where no single branch is. There
    /// the trapezoidal rule rings: the current flips sign every step. So θ is
    /// exponentially fitted to that decay, capped at the first-order hold's
    /// own: exact for one branch behind a resistor, L-stable, and the
    /// first-order hold again where the current moves slowly. R_e counts only
    /// the network's resistive part and `external`.
    private mutating func prepareHold(external: Double) {
        guard holdExternal != external else { return }
        holdExternal = external
        holdSlope = 0
        let around = external + network.seriesResistance + foldedFromNext
        var charging = 0.0
        for branch in slow { charging += branch.fromPrevious + branch.fromNext }
        let decay = around > 0 ? charging / around : .infinity
        let fitted = decay.isFinite ? Self.exponentiallyFittedWeight(rate: decay) : 0
        for j in slow.indices {
            let charge = slow[j].fromPrevious + slow[j].fromNext
            let theta = min(slow[j].fromPrevious / charge, fitted)
            slow[j].holdFromPrevious = charge * theta
            slow[j].holdFromNext = charge * (1 - theta)
            holdSlope += charge * (1 - theta) - slow[j].fromNext
        }
    }

    /// Weight of the step's starting current in the capacitor's charge:
    /// ½ under current drive, and from ½ (slow) to 0 (stiff) under voltage drive.
    ///
    /// Inlined: the stepping functions call it on a mutating `self`, which
    /// an outlined call would first copy (two copies of the stepper per step).
    @inline(__always)
    private func capacitorWeight(_ drive: Drive) -> Double {
        switch drive {
        case .linearCurrent:
            0.5
        case .voltageHold(let external):
            network.elastance == 0 ? 0.5 : Self.exponentiallyFittedWeight(
                elastanceTimesStep: network.elastance * cachedStep, resistance: nextSlope - reactiveSlope + external)
        }
    }

    /// The voltage at the end of a step of length `dt` is `offset + slope·I₁`,
    /// where `I₁` is the current at the end of the step. Nothing changes.
    public mutating func affineResponse(dt: Double, drive: Drive = .linearCurrent) -> (offset: Double, slope: Double) {
        prepare(dt)
        let i0 = current
        let theta = capacitorWeight(drive)
        var offset = capacitorVoltage + network.elastance * dt * theta * i0 - network.inductance * i0 / dt
            + foldedFromPrevious * i0
        var slope = nextSlope + network.elastance * dt * (0.5 - theta)
        var hold = false
        if case .voltageHold(let external) = drive {
            prepareHold(external: external)
            slope += holdSlope
            hold = true
        }
        slow.withUnsafeBufferPointer { branches in
            for b in branches {
                offset += b.decay * b.voltage + (hold ? b.holdFromPrevious : b.fromPrevious) * i0
            }
        }
        return (offset, slope)
    }

    /// Advances by `dt` with the current ramping linearly to `nextCurrent`.
    ///
    /// - Returns: the voltage across the network at the end of the step.
    @discardableResult
    public mutating func step(current nextCurrent: Double, dt: Double, drive: Drive = .linearCurrent) -> Double {
        prepare(dt)
        let i0 = current
        var v = network.seriesResistance * nextCurrent + network.inductance * (nextCurrent - i0) / dt
            + foldedFromNext * nextCurrent + foldedFromPrevious * i0
        var hold = false
        if case .voltageHold(let external) = drive {
            prepareHold(external: external)
            hold = true
        }
        slow.withUnsafeMutableBufferPointer { branches in
            for j in branches.indices {
                let b = branches[j]
                let updated = b.decay * b.voltage + (hold ? b.holdFromPrevious : b.fromPrevious) * i0
                    + (hold ? b.holdFromNext : b.fromNext) * nextCurrent
                branches[j].voltage = updated
                v += updated
            }
        }
        let theta = capacitorWeight(drive)
        capacitorVoltage += network.elastance * dt * (theta * i0 + (1 - theta) * nextCurrent)
        previousCurrent = i0
        current = nextCurrent
        return v + capacitorVoltage
    }

    /// Advances by `dt` holding the end-of-step voltage at `voltage` (a
    /// potentiostat's setpoint: see `Drive.voltageHold`).
    ///
    /// - Returns: the current at the end of the step.
    @discardableResult
    public mutating func step(voltage: Double, dt: Double) -> Double {
        let (offset, slope) = affineResponse(dt: dt, drive: .voltageHold(externalResistance: 0))
        precondition(slope > 0, "a voltage-driven network needs some series impedance")
        let next = (voltage - offset) / slope
        step(current: next, dt: dt, drive: .voltageHold(externalResistance: 0))
        return next
    }
}
