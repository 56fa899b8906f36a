import Electrochemistry
import Numerics

/// Fits the R0 + 2 RC circuit to the voltage response of a current step from
/// rest, so the SOC filter's circuit follows the cell as it ages.
///
/// For fixed time constants the step response
/// `R0 + R1(1 − e^(−t/τ1)) + R2(1 − e^(−t/τ2))` is linear in the resistances,
/// so each candidate pair from a log grid is one small non-negative least
/// squares; the pair with the smallest residual wins. Only steps after a
/// level held long enough to settle are used (the end of a CC charge into a
/// rest is the common one): by superposition the response is then the
/// circuit's alone.
public struct CircuitIdentifier: Sendable {
    public struct Settings: Sendable, Hashable {
        /// s: how long after the step samples are collected.
        public var window = 900.0
        /// s: shortest response worth fitting.
        public var minimumSpan = 60.0
        /// s: how long the level before the step must have held.
        public var minimumSettling = 600.0
        /// SOC a step must start in: near either end solid diffusion changes
        /// within the window, so no fixed circuit describes the response.
        public var stateOfChargeRange = 0.1...0.9
        /// Candidate time constants (s).
        public var fastTimes: [Double] = [1, 2, 5, 10, 20]
        public var slowTimes: [Double] = [40, 80, 150, 300, 600]
        public init() {}
    }

    public var settings: Settings
    /// The step being followed, or nil.
    private var step: StepResponseTracker.ActiveStep?
    private var holdTolerance = 0.02
    private var minimumStep = 1e-7
    private var elapsed: [Double] = []
    private var resistance: [Double] = []

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Whether a step is being followed.
    public var isFollowing: Bool { step != nil }

    /// Starts following `step` if the level before it held for
    /// `minimumSettling` and it starts inside `stateOfChargeRange`.
    public mutating func begin(_ step: StepResponseTracker.ActiveStep, stateOfCharge: Double, tolerance: StepResponseTracker.Settings) {
        let settled = step.heldBefore >= settings.minimumSettling
        self.step = settled && settings.stateOfChargeRange.contains(stateOfCharge) ? step : nil
        holdTolerance = tolerance.holdTolerance
        minimumStep = tolerance.minimumStep
        elapsed.removeAll(keepingCapacity: true)
        resistance.removeAll(keepingCapacity: true)
    }

    /// Adds a sample; returns a fitted circuit when the window is full or the
    /// current leaves the step's level.
    public mutating func add(time: Double, current: Double, voltage: Double, openCircuit: Double) -> EquivalentCircuit? {
        guard let step else { return nil }
        let t = time - step.time
        let held = abs(current - step.currentAfter) <= max(holdTolerance * abs(step.currentAfter), minimumStep)
        if held, t <= settings.window {
            let change = step.currentAfter - step.currentBefore
            elapsed.append(t)
            resistance.append((voltage - step.voltageBefore - (openCircuit - step.openCircuitBefore)) / change)
            if t < settings.window { return nil }
        }
        self.step = nil
        return fit()
    }

    private func fit() -> EquivalentCircuit? {
        guard let span = elapsed.last, span >= settings.minimumSpan, elapsed.count >= 8 else { return nil }
        var best: (residual: Double, circuit: EquivalentCircuit)?
        for fast in settings.fastTimes {
            for slow in settings.slowTimes where slow >= 4 * fast {
                var a = Matrix(rows: elapsed.count, columns: 3)
                for (row, t) in elapsed.enumerated() {
                    a[row, 0] = 1
                    a[row, 1] = -Double.expMinusOne(-t / fast)
                    a[row, 2] = -Double.expMinusOne(-t / slow)
                }
                let (x, residual) = NonNegativeLeastSquares.solve(a, resistance)
                guard x[0] > 0 else { continue }
                let circuit = EquivalentCircuit(ohmicResistance: x[0], fastResistance: x[1], fastTime: fast,
                                                slowResistance: x[2], slowTime: slow)
                if let incumbent = best, incumbent.residual <= residual { continue }
                best = (residual, circuit)
            }
        }
        return best?.circuit
    }
}
