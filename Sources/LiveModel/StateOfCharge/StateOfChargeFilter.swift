import Numerics

/// An extended Kalman filter for state of charge on an R0 + 2 RC circuit.
///
/// The state is (SOC, v₁, v₂, δR): Coulomb counting moves SOC, the RC
/// voltages relax exactly for a current held over the interval, and δR is a
/// slowly wandering correction to R0. The measured terminal voltage
/// `OCV(SOC) + v₁ + v₂ + (R0 + δR)·I` corrects all four.
///
/// δR is what keeps an imperfect circuit from dragging SOC under load: Coulomb
/// counting makes SOC's uncertainty small, so a voltage that sits off the
/// prediction in proportion to the current is attributed to the resistance,
/// while at rest (where δR has no effect) the OCV pins SOC. δR relaxes back to
/// zero over `resistanceMemory`, since R0 itself is re-learnt at every step.
public struct StateOfChargeFilter: Sendable {
    /// Noise and trust settings; the defaults suit a lab potentiostat.
    public struct Tuning: Sendable, Hashable {
        /// V: voltage noise of the channel.
        public var voltageSigma = 1e-3
        /// Relative error of the measured current (gain and offset drift).
        public var currentRelativeSigma = 2e-4
        /// Relative uncertainty of the capacity the filter counts with.
        public var capacityRelativeSigma = 5e-3
        /// SOC random walk per √h: self-discharge and whatever else the model lacks.
        public var socDriftPerRootHour = 2e-3
        /// Fraction of the circuit's IR drop taken as voltage model error under load.
        public var modelErrorFraction = 0.05
        /// Relative standard deviation of the R0 correction δR.
        public var resistanceSigma = 0.3
        /// s: time over which δR forgets.
        public var resistanceMemory = 3600.0
        /// Innovations beyond this many standard deviations are down-weighted
        /// (Huber), unless they persist for `gateRun` samples: then the model,
        /// not the sample, is wrong, and the filter must follow.
        public var innovationGate = 4.0
        public var gateRun = 5
        public init() {}
    }

    /// (SOC, v₁ V, v₂ V, δR Ω).
    private var x: SIMD4<Double>
    /// The 4×4 covariance, by rows (SIMD rows keep the hot path free of allocation).
    private var p: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)
    public var circuit: EquivalentCircuit
    /// C: the capacity Coulomb counting divides by.
    public var capacity: Double
    public let curve: OpenCircuitCurve
    public var tuning: Tuning
    /// Extra relative uncertainty of R0 now (how far it is extrapolated),
    /// added to `tuning.modelErrorFraction` under load.
    public var ohmicUncertainty = 0.0
    /// V: voltage model error under load whatever the circuit says; set while
    /// no step has identified the circuit yet, so the OCV still bounds SOC.
    public var unidentifiedLoadError = 0.0
    /// The last innovation (measured − predicted voltage, V) and its standard deviation.
    public private(set) var innovation = 0.0
    public private(set) var innovationSigma = 0.0
    /// Consecutive samples beyond the gate.
    private var gated = 0

    public init(curve: OpenCircuitCurve, capacity: Double, circuit: EquivalentCircuit,
                initialStateOfCharge: Double, initialSigma: Double, tuning: Tuning = Tuning()) {
        self.curve = curve
        self.capacity = capacity
        self.circuit = circuit
        self.tuning = tuning
        self.x = SIMD4(initialStateOfCharge, 0, 0, 0)
        self.p = (SIMD4(initialSigma * initialSigma, 0, 0, 0), SIMD4(0, 1e-6, 0, 0), SIMD4(0, 0, 1e-6, 0), SIMD4(0, 0, 0, 1e-6))
    }

    public var stateOfCharge: Double { x[0] }
    /// Standard deviation of SOC.
    public var sigma: Double { p.0[0].squareRoot() }
    /// V: the fast and slow RC voltages.
    public var fastVoltage: Double { x[1] }
    public var slowVoltage: Double { x[2] }
    /// Ω: R0 as the filter uses it now (the learnt R0 plus its correction).
    public var effectiveOhmicResistance: Double { circuit.ohmicResistance + x[3] }

    /// Open-circuit voltage at the present estimate (V).
    public var openCircuitVoltage: Double { curve.evaluate(x[0]).value }

    /// Terminal voltage the circuit predicts for `current` now (V).
    public func predictedVoltage(current: Double) -> Double {
        openCircuitVoltage + x[1] + x[2] + effectiveOhmicResistance * current
    }

    /// P·h for a measurement row h.
    private func covarianceTimes(_ h: SIMD4<Double>) -> SIMD4<Double> {
        SIMD4((p.0 * h).sum(), (p.1 * h).sum(), (p.2 * h).sum(), (p.3 * h).sum())
    }

    /// Advances the state over `dt` seconds with `current` held (A, positive = charge).
    public mutating func predict(current: Double, dt: Double) {
        guard dt > 0 else { return }
        let c = circuit
        let a1 = Double.exp(-dt / c.fastTime), a2 = Double.exp(-dt / c.slowTime)
        let a3 = Double.exp(-dt / tuning.resistanceMemory)
        let charge = current * dt
        x[0] += charge / capacity
        x[1] = a1 * x[1] + c.fastResistance * (1 - a1) * current
        x[2] = a2 * x[2] + c.slowResistance * (1 - a2) * current
        x[3] *= a3
        // P ← F P Fᵀ + Q with F = diag(1, a1, a2, a3).
        let f = SIMD4(1, a1, a2, a3)
        p = (p.0 * f, p.1 * (f * a1), p.2 * (f * a2), p.3 * (f * a3))
        let counting = (tuning.currentRelativeSigma + tuning.capacityRelativeSigma) * abs(charge) / capacity
        let q1 = tuning.modelErrorFraction * c.fastResistance * (1 - a1) * current
        let q2 = tuning.modelErrorFraction * c.slowResistance * (1 - a2) * current
        // δR is stationary with variance (σ·R0)².
        let stationary = tuning.resistanceSigma * c.totalResistance
        p.0[0] += counting * counting + tuning.socDriftPerRootHour * tuning.socDriftPerRootHour * dt / 3600
        p.1[1] += q1 * q1 + 1e-12
        p.2[2] += q2 * q2 + 1e-12
        p.3[3] += stationary * stationary * (1 - a3 * a3)
    }

    /// Corrects the state with a measured terminal voltage.
    ///
    /// An iterated update: the OCV curve is relinearised at each new SOC
    /// until the step settles, so a large first innovation (a start 30 % off)
    /// does not overshoot along a tangent and leave the filter falsely sure.
    public mutating func correct(voltage: Double, current: Double) {
        let prior = x
        var iterate = x
        var k = SIMD4<Double>(repeating: 0)
        var ph = SIMD4<Double>(repeating: 0)
        let modelError = current == 0 ? 0
            : max((tuning.modelErrorFraction + ohmicUncertainty) * abs(current) * circuit.totalResistance, unidentifiedLoadError)
        let noise = tuning.voltageSigma * tuning.voltageSigma + modelError * modelError
        var downWeight = true
        for iteration in 0..<Self.maximumIterations {
            let (ocv, slope) = curve.evaluate(iterate[0])
            let h = SIMD4(slope, 1, 1, current)
            let predicted = ocv + iterate[1] + iterate[2] + (circuit.ohmicResistance + iterate[3]) * current
            // Innovation about the iterate, referred back to the prior (Gauss–Newton).
            let residual = voltage - predicted - (h * (prior - iterate)).sum()
            ph = covarianceTimes(h)
            let s0 = (h * ph).sum()
            var r = noise
            let normalised = abs(residual) / (s0 + r).squareRoot()
            if iteration == 0 {
                innovation = voltage - predicted
                gated = normalised > tuning.innovationGate ? gated + 1 : 0
                downWeight = gated <= tuning.gateRun
            }
            if downWeight, normalised > tuning.innovationGate {
                // Huber: an outlier's weight falls as 1/|ν|, so one glitch cannot throw SOC.
                r = (s0 + r) * normalised / tuning.innovationGate - s0
            }
            let s = s0 + r
            innovationSigma = s.squareRoot()
            k = ph / s
            let next = prior + k * residual
            let settled = abs(next[0] - iterate[0]) < 1e-7
            iterate = next
            if settled { break }
        }
        x = iterate
        // P ← P − K (H P); H P is (P Hᵀ)ᵀ since P is symmetric.
        p = (p.0 - k[0] * ph, p.1 - k[1] * ph, p.2 - k[2] * ph, p.3 - k[3] * ph)
        p.0[0] = max(p.0[0], 1e-10)
    }

    static let maximumIterations = 6

    /// Puts SOC at `soc` with standard deviation `sigma`, keeping the RC voltages;
    /// for an operator who knows better (a cell just assembled discharged).
    public mutating func reset(stateOfCharge soc: Double, sigma: Double) {
        x[0] = soc
        p.0 = SIMD4(sigma * sigma, 0, 0, 0)
        p.1[0] = 0
        p.2[0] = 0
        p.3[0] = 0
    }
}
