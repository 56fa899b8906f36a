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
        /// Innovations beyond this many standard deviations are down-weighted (Huber).
        public var innovationGate = 4.0
        public init() {}
    }

    static let n = 4
    /// (SOC, v₁ V, v₂ V, δR Ω).
    private var x: (Double, Double, Double, Double)
    /// Row-major 4×4 covariance.
    private var p: [Double]
    public var circuit: EquivalentCircuit
    /// C: the capacity Coulomb counting divides by.
    public var capacity: Double
    public let curve: OpenCircuitCurve
    public var tuning: Tuning
    /// Extra relative uncertainty of R0 now (how far it is extrapolated),
    /// added to `tuning.modelErrorFraction` under load.
    public var ohmicUncertainty = 0.0
    /// The last innovation (measured − predicted voltage, V) and its standard deviation.
    public private(set) var innovation = 0.0
    public private(set) var innovationSigma = 0.0

    public init(curve: OpenCircuitCurve, capacity: Double, circuit: EquivalentCircuit,
                initialStateOfCharge: Double, initialSigma: Double, tuning: Tuning = Tuning()) {
        self.curve = curve
        self.capacity = capacity
        self.circuit = circuit
        self.tuning = tuning
        self.x = (initialStateOfCharge, 0, 0, 0)
        var p = Array(repeating: 0.0, count: Self.n * Self.n)
        p[0] = initialSigma * initialSigma
        p[5] = 1e-6
        p[10] = 1e-6
        p[15] = 1e-6
        self.p = p
    }

    public var stateOfCharge: Double { x.0 }
    /// Standard deviation of SOC.
    public var sigma: Double { p[0].squareRoot() }
    /// V: the fast and slow RC voltages.
    public var fastVoltage: Double { x.1 }
    public var slowVoltage: Double { x.2 }
    /// Ω: R0 as the filter uses it now (the learnt R0 plus its correction).
    public var effectiveOhmicResistance: Double { circuit.ohmicResistance + x.3 }

    /// Open-circuit voltage at the present estimate (V).
    public var openCircuitVoltage: Double { curve.evaluate(x.0).value }

    /// Terminal voltage the circuit predicts for `current` now (V).
    public func predictedVoltage(current: Double) -> Double {
        openCircuitVoltage + x.1 + x.2 + effectiveOhmicResistance * current
    }

    /// Advances the state over `dt` seconds with `current` held (A, positive = charge).
    public mutating func predict(current: Double, dt: Double) {
        guard dt > 0 else { return }
        let c = circuit
        let a1 = Double.exp(-dt / c.fastTime), a2 = Double.exp(-dt / c.slowTime)
        let a3 = Double.exp(-dt / tuning.resistanceMemory)
        let charge = current * dt
        x.0 += charge / capacity
        x.1 = a1 * x.1 + c.fastResistance * (1 - a1) * current
        x.2 = a2 * x.2 + c.slowResistance * (1 - a2) * current
        x.3 *= a3
        // P ← F P Fᵀ + Q with F = diag(1, a1, a2, a3).
        let f = (1.0, a1, a2, a3)
        func factor(_ i: Int) -> Double {
            switch i { case 0: f.0; case 1: f.1; case 2: f.2; default: f.3 }
        }
        for i in 0..<Self.n {
            let fi = factor(i)
            for j in 0..<Self.n { p[i * Self.n + j] *= fi * factor(j) }
        }
        let counting = (tuning.currentRelativeSigma + tuning.capacityRelativeSigma) * abs(charge) / capacity
        p[0] += counting * counting + tuning.socDriftPerRootHour * tuning.socDriftPerRootHour * dt / 3600
        let q1 = tuning.modelErrorFraction * c.fastResistance * (1 - a1) * current
        let q2 = tuning.modelErrorFraction * c.slowResistance * (1 - a2) * current
        p[5] += q1 * q1 + 1e-12
        p[10] += q2 * q2 + 1e-12
        // δR is stationary with variance (σ·R0)².
        let stationary = tuning.resistanceSigma * c.totalResistance
        p[15] += stationary * stationary * (1 - a3 * a3)
    }

    /// Corrects the state with a measured terminal voltage.
    ///
    /// An iterated update: the OCV curve is relinearised at each new SOC
    /// until the step settles, so a large first innovation (a start 30 % off)
    /// does not overshoot along a tangent and leave the filter falsely sure.
    public mutating func correct(voltage: Double, current: Double) {
        let prior = x
        var iterate = x
        var k = (0.0, 0.0, 0.0, 0.0)
        var ph = (0.0, 0.0, 0.0, 0.0)
        let modelError = (tuning.modelErrorFraction + ohmicUncertainty) * abs(current) * circuit.totalResistance
        let noise = tuning.voltageSigma * tuning.voltageSigma + modelError * modelError
        for iteration in 0..<Self.maximumIterations {
            let (ocv, slope) = curve.evaluate(iterate.0)
            let h = (slope, 1.0, 1.0, current)
            let predicted = ocv + iterate.1 + iterate.2 + (circuit.ohmicResistance + iterate.3) * current
            // Innovation about the iterate, referred back to the prior (Gauss–Newton).
            let residual = voltage - predicted
                - h.0 * (prior.0 - iterate.0) - h.1 * (prior.1 - iterate.1) - h.2 * (prior.2 - iterate.2) - h.3 * (prior.3 - iterate.3)
            ph = (p[0] * h.0 + p[1] * h.1 + p[2] * h.2 + p[3] * h.3,
                  p[4] * h.0 + p[5] * h.1 + p[6] * h.2 + p[7] * h.3,
                  p[8] * h.0 + p[9] * h.1 + p[10] * h.2 + p[11] * h.3,
                  p[12] * h.0 + p[13] * h.1 + p[14] * h.2 + p[15] * h.3)
            let s0 = h.0 * ph.0 + h.1 * ph.1 + h.2 * ph.2 + h.3 * ph.3
            var r = noise
            if iteration == 0 { innovation = voltage - predicted }
            let normalised = abs(residual) / (s0 + r).squareRoot()
            if normalised > tuning.innovationGate {
                // Huber: an outlier's weight falls as 1/|ν|, so one glitch cannot throw SOC.
                r = (s0 + r) * normalised / tuning.innovationGate - s0
            }
            let s = s0 + r
            innovationSigma = s.squareRoot()
            k = (ph.0 / s, ph.1 / s, ph.2 / s, ph.3 / s)
            let next = (prior.0 + k.0 * residual, prior.1 + k.1 * residual, prior.2 + k.2 * residual, prior.3 + k.3 * residual)
            let settled = abs(next.0 - iterate.0) < 1e-7
            iterate = next
            if settled { break }
        }
        x = iterate
        // P ← P − K (H P); H P is (P Hᵀ)ᵀ since P is symmetric.
        let kv = [k.0, k.1, k.2, k.3], phv = [ph.0, ph.1, ph.2, ph.3]
        for i in 0..<Self.n {
            for j in 0..<Self.n { p[i * Self.n + j] -= kv[i] * phv[j] }
        }
        p[0] = max(p[0], 1e-10)
    }

    static let maximumIterations = 6

    /// Puts SOC at `soc` with standard deviation `sigma`, keeping the RC voltages;
    /// for an operator who knows better (a cell just assembled discharged).
    public mutating func reset(stateOfCharge soc: Double, sigma: Double) {
        x.0 = soc
        for j in 1..<Self.n {
            p[j] = 0
            p[j * Self.n] = 0
        }
        p[0] = sigma * sigma
    }
}
