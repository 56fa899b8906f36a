import Numerics
/// Drives a `FosterNetwork` with a current or voltage waveform.
///
/// Each branch obeys `dv/dt = (R·I − v)/τ`, integrated exactly for a current
/// that is linear across the step (first-order hold), so the scheme is stable
/// at any `dt` and exact for piecewise-linear currents. A voltage-driven step
/// solves the same update for the current, which is linear in it.
public struct CircuitStepper: Sendable {
    public private(set) var network: FosterNetwork
    /// Branch voltages (V).
    public private(set) var branchVoltages: [Double]
    /// Voltage across the series capacitor, if any (V).
    public private(set) var capacitorVoltage = 0.0
    /// The current at the end of the last step (A).
    public private(set) var current = 0.0

    // Per-branch coefficients for the cached step length.
    private var cachedStep = -1.0
    private var decay: [Double] = []
    private var fromPrevious: [Double] = []
    private var fromNext: [Double] = []
    private var nextSlope = 0.0

    public init(network: FosterNetwork) {
        self.network = network
        self.branchVoltages = Array(repeating: 0, count: network.branches.count)
    }

    /// Swaps in a network of the same shape with new values, keeping the
    /// branch charges' voltages (for slowly ageing cells).
    public mutating func update(network newNetwork: FosterNetwork) {
        precondition(newNetwork.branches.count == network.branches.count, "update keeps the number of branches")
        network = newNetwork
        cachedStep = -1
    }

    private mutating func prepare(_ dt: Double) {
        guard dt != cachedStep else { return }
        cachedStep = dt
        let n = network.branches.count
        decay = Array(repeating: 0, count: n)
        fromPrevious = Array(repeating: 0, count: n)
        fromNext = Array(repeating: 0, count: n)
        var slope = network.seriesResistance + network.elastance * dt / 2 + network.inductance / dt
        for (k, b) in network.branches.enumerated() {
            let x = dt / b.timeConstant
            // g = (1 − a)/x. For slow branches 1 − g and g − a are both ≈ x/2
            // and would cancel to a few digits, so build them from expm1 and
            // g's series instead (about 1e-13 relative at any x).
            let a = Double.exp(-x)
            let oneMinusA = -Double.expMinusOne(-x)
            let oneMinusG = x < 1e-3
                ? x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x / 120)))
                : 1 - oneMinusA / x
            decay[k] = a
            fromNext[k] = b.resistance * oneMinusG
            fromPrevious[k] = b.resistance * (oneMinusA - oneMinusG)
            slope += fromNext[k]
        }
        nextSlope = slope
    }

    /// The voltage at the end of a step of length `dt` is `offset + slope·I₁`,
    /// where `I₁` is the current at the end of the step. Nothing changes.
    public mutating func affineResponse(dt: Double) -> (offset: Double, slope: Double) {
        prepare(dt)
        let i0 = current
        var offset = capacitorVoltage + network.elastance * dt * i0 / 2 - network.inductance * i0 / dt
        for k in branchVoltages.indices {
            offset += decay[k] * branchVoltages[k] + fromPrevious[k] * i0
        }
        return (offset, nextSlope)
    }

    /// Advances by `dt` with the current ramping linearly to `nextCurrent`.
    ///
    /// - Returns: the voltage across the network at the end of the step.
    @discardableResult
    public mutating func step(current nextCurrent: Double, dt: Double) -> Double {
        prepare(dt)
        let i0 = current
        var v = network.seriesResistance * nextCurrent + network.inductance * (nextCurrent - i0) / dt
        for k in branchVoltages.indices {
            let updated = decay[k] * branchVoltages[k] + fromPrevious[k] * i0 + fromNext[k] * nextCurrent
            branchVoltages[k] = updated
            v += updated
        }
        capacitorVoltage += network.elastance * dt * (i0 + nextCurrent) / 2
        current = nextCurrent
        return v + capacitorVoltage
    }

    /// Advances by `dt` holding the end-of-step voltage at `voltage`.
    ///
    /// - Returns: the current at the end of the step.
    @discardableResult
    public mutating func step(voltage: Double, dt: Double) -> Double {
        let (offset, slope) = affineResponse(dt: dt)
        precondition(slope > 0, "a voltage-driven network needs some series impedance")
        let next = (voltage - offset) / slope
        step(current: next, dt: dt)
        return next
    }
}
