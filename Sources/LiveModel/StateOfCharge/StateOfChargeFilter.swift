import Numerics

/// A joint extended Kalman filter for state of charge and the cell's R0 + 2 RC
/// circuit, which it learns as it goes.
///
/// The state is SOC; the two RC voltages; R0, R1 and R2; the current sensor's
/// offset; a correction to the capacity Coulomb counting divides by; the
/// error of the OCV table at the present SOC; and the polarisation the two RC
/// pairs miss. The measured terminal voltage
/// `OCV(SOC) + e + v₁ + v₂ + v_d + R0·(I − b)` corrects them all at once.
///
/// Every source of error a lab cannot rule out is a state with a prior, not
/// white noise: white noise averages away over thousands of samples and
/// leaves the filter sure of a wrong answer, while a state keeps the
/// ambiguity. Under a held load a voltage sitting low is either less charge
/// or more resistance, and with the resistances unknown SOC stays as
/// uncertain as that makes it; a rest, where resistances carry no current,
/// tells them apart. Likewise an offset in the current or a capacity a few
/// per cent off move SOC steadily, so its σ grows between rests as theirs
/// does, and a table from a slow discharge (not the equilibrium curve) is a
/// bias that changes slowly along SOC.
public struct StateOfChargeFilter: Sendable {
    /// Priors and noise; the defaults suit a lab channel on a cell the filter knows only by its datasheet.
    public struct Tuning: Sendable, Hashable {
        /// V: voltage noise of the channel.
        public var voltageSigma = 1e-3
        /// Standard deviation of the current sensor's offset, as a fraction of 1C.
        public var currentOffsetSigma = 0.01
        /// Relative uncertainty of the capacity Coulomb counting divides by.
        public var capacityRelativeSigma = 0.03
        /// V: how far the OCV table may sit from the cell's equilibrium (a
        /// slow discharge reads low by its own small IR and hysteresis).
        public var openCircuitSigma = 0.005
        /// SOC over which that error changes.
        public var openCircuitCorrelation = 0.1
        /// SOC random walk per √h: self-discharge and whatever else the model lacks.
        public var socDriftPerRootHour = 2e-3
        /// Random walk of each resistance per √(10 % SOC moved), relative to
        /// its prior scale: resistances follow SOC (steeply near either end),
        /// and at rest, where nothing moves them, they stay put.
        public var resistanceWalk = 0.3
        /// How far the slow polarisation may wander from two exponentials
        /// over one slow time constant, relative to its size: solid diffusion
        /// grows as √t under load and relaxes with a long tail, which no
        /// fixed RC pair follows, and whatever the circuit misses must not be
        /// read as charge.
        public var polarisationWander = 0.5
        /// Fraction of the predicted RC voltages taken as model error under load.
        public var modelErrorFraction = 0.05
        /// Polarisation the two RC pairs may miss under load, relative to
        /// the circuit's IR drop: solid diffusion grows as √t and relaxes
        /// with a long tail, which no fixed RC pair follows.
        public var unmodelledPolarisation = 0.5
        /// s: how long that polarisation takes to relax: a decade above the
        /// default slow RC pair, as solid diffusion in micron particles
        /// (L²/D of 10³–10⁴ s) is above the electrolyte's.
        public var unmodelledRelaxation = 1000.0
        /// Innovations beyond this many standard deviations are down-weighted
        /// (Huber), unless they persist for `gateRun` samples: then the model,
        /// not the sample, is wrong, and the filter must follow.
        public var innovationGate = 4.0
        public var gateRun = 5
        public init() {}
    }

    static let stateCount = 10
    /// Indices into the state.
    static let soc = 0, fast = 1, slow = 2, r0 = 3, r1 = 4, r2 = 5, offset = 6, gain = 7, table = 8, diffusion = 9
    static let resistances = r0...r2

    private var x = SIMD16<Double>()
    private var p: FilterCovariance
    /// s: the RC branches' time constants (identified from steps, or the defaults).
    public var fastTime: Double
    public var slowTime: Double
    /// C: the nominal capacity Coulomb counting divides by, before the gain correction.
    public private(set) var capacity: Double
    public let curve: OpenCircuitCurve
    public let tuning: Tuning
    /// Ω: the resistance scale the random walks are relative to.
    private let resistanceScale: Double
    /// The last innovation (measured − predicted voltage, V) and its standard deviation.
    public private(set) var innovation = 0.0
    public private(set) var innovationSigma = 0.0
    /// Consecutive samples beyond the gate.
    private var gated = 0
    /// The SOC the OCV's slope is taken at: the estimate, smoothed over
    /// `slopeMemory` and moved by counted charge.
    private var slopeReference: Double
    /// s: the last prediction's interval.
    private var lastStep = 0.0

    /// - Parameters:
    ///   - circuit: the prior circuit: the cell file's, or a typical one.
    ///   - circuitUncertainty: each resistance's prior standard deviation,
    ///     relative to the circuit's total resistance: small for a circuit
    ///     the cell file gives, about 1 for one nobody measured.
    ///   - initialStateOfCharge: SOC before the first reading corrects it.
    ///   - initialSigma: its standard deviation.
    public init(curve: OpenCircuitCurve, capacity: Double, circuit: EquivalentCircuit, circuitUncertainty: Double,
                initialStateOfCharge: Double, initialSigma: Double, tuning: Tuning = Tuning()) {
        self.curve = curve
        self.capacity = capacity
        self.tuning = tuning
        fastTime = circuit.fastTime
        slowTime = circuit.slowTime
        resistanceScale = max(circuit.totalResistance, .leastNormalMagnitude)
        let rSigma = circuitUncertainty * resistanceScale
        let oneC = capacity / 3600
        x[Self.soc] = initialStateOfCharge
        slopeReference = initialStateOfCharge
        x[Self.r0] = circuit.ohmicResistance
        x[Self.r1] = circuit.fastResistance
        x[Self.r2] = circuit.slowResistance
        x[Self.gain] = 1
        // The RC voltages start at rest unless the first reading says otherwise.
        let vSigma = rSigma * oneC
        p = FilterCovariance(diagonal: [
            initialSigma * initialSigma, vSigma * vSigma * 1e-2, vSigma * vSigma * 1e-2,
            rSigma * rSigma, rSigma * rSigma, rSigma * rSigma,
            Self.square(tuning.currentOffsetSigma * oneC), Self.square(tuning.capacityRelativeSigma),
            Self.square(tuning.openCircuitSigma), 0,
        ])
    }

    private static func square(_ v: Double) -> Double { v * v }

    /// SOC and its standard deviation, within the physical range (`bounded`).
    public var stateOfCharge: Double { Self.bounded(mean: x[Self.soc], variance: p[Self.soc, Self.soc]).mean }
    public var sigma: Double { Self.bounded(mean: x[Self.soc], variance: p[Self.soc, Self.soc]).sigma }
    /// V: the fast and slow RC voltages.
    public var fastVoltage: Double { x[Self.fast] }
    public var slowVoltage: Double { x[Self.slow] }
    /// Ω: R0 as the filter has learnt it.
    public var effectiveOhmicResistance: Double { x[Self.r0] }
    /// A: the current sensor's offset as learnt (measured − true).
    public var currentOffset: Double { x[Self.offset] }
    /// C: the capacity Coulomb counting uses now.
    public var effectiveCapacity: Double { capacity / x[Self.gain] }

    /// The circuit as the filter has learnt it.
    public var circuit: EquivalentCircuit {
        EquivalentCircuit(ohmicResistance: x[Self.r0], fastResistance: x[Self.r1], fastTime: fastTime,
                          slowResistance: x[Self.r2], slowTime: slowTime)
    }

    /// Open-circuit voltage at the present estimate (V), table error included.
    public var openCircuitVoltage: Double { curve.evaluate(x[Self.soc]).value + x[Self.table] }

    /// dOCV/dSOC at the estimate (V).
    public var openCircuitSlope: Double { curve.evaluate(x[Self.soc]).slope }

    /// Terminal voltage the circuit predicts for `current` now (V).
    public func predictedVoltage(current: Double) -> Double {
        openCircuitVoltage + x[Self.fast] + x[Self.slow] + x[Self.diffusion] + x[Self.r0] * (current - x[Self.offset])
    }

    /// Advances the state over `dt` seconds with `current` held (A, positive = charge).
    public mutating func predict(current: Double, dt: Double) {
        guard dt > 0 else { return }
        let i = current - x[Self.offset]
        // The offset and the capacity act through Coulomb counting alone: their
        // share of the IR drops is a fraction of a millivolt, and letting the
        // voltage pull on them would make them absorb the circuit's errors.
        let a1 = Double.exp(-dt / fastTime), a2 = Double.exp(-dt / slowTime)
        let a3 = Double.exp(-dt / tuning.unmodelledRelaxation)
        // A full cell stores no more and an empty one gives no more: charge
        // counted past either end (a side reaction at the top of a charge,
        // 10–20 % of a first charge on uncoated NMC811) moves no SOC, and
        // neither the capacity nor the offset is to blame for it.
        let unbounded = x[Self.gain] * i * dt / capacity
        let moved = Self.physical(x[Self.soc] + unbounded) - x[Self.soc]
        let share = unbounded == 0 ? 1 : moved / unbounded
        let counted = share * i * dt / capacity
        let rho = Double.exp(-abs(moved) / tuning.openCircuitCorrelation)
        // Jacobian rows that differ from the identity, on the state before the step.
        p.combineRows(into: Self.soc, ((Self.soc, 1), (Self.offset, -share * x[Self.gain] * dt / capacity), (Self.gain, counted)))
        p.combineRows(into: Self.fast, ((Self.fast, a1), (Self.r1, (1 - a1) * i), (Self.fast, 0)))
        p.combineRows(into: Self.slow, ((Self.slow, a2), (Self.r2, (1 - a2) * i), (Self.slow, 0)))
        p.combineRows(into: Self.table, ((Self.table, rho), (Self.table, 0), (Self.table, 0)))
        p.combineRows(into: Self.diffusion, ((Self.diffusion, a3), (Self.diffusion, 0), (Self.diffusion, 0)))
        p.combineColumns(into: Self.soc, ((Self.soc, 1), (Self.offset, -share * x[Self.gain] * dt / capacity), (Self.gain, counted)))
        p.combineColumns(into: Self.fast, ((Self.fast, a1), (Self.r1, (1 - a1) * i), (Self.fast, 0)))
        p.combineColumns(into: Self.slow, ((Self.slow, a2), (Self.r2, (1 - a2) * i), (Self.slow, 0)))
        p.combineColumns(into: Self.table, ((Self.table, rho), (Self.table, 0), (Self.table, 0)))
        p.combineColumns(into: Self.diffusion, ((Self.diffusion, a3), (Self.diffusion, 0), (Self.diffusion, 0)))
        x[Self.soc] += moved
        slopeReference += moved
        lastStep = dt
        x[Self.fast] = a1 * x[Self.fast] + x[Self.r1] * (1 - a1) * i
        x[Self.slow] = a2 * x[Self.slow] + x[Self.r2] * (1 - a2) * i
        x[Self.table] *= rho
        x[Self.diffusion] *= a3
        let hours = dt / 3600
        let walk = Self.square(tuning.resistanceWalk * resistanceScale) * abs(moved) / 0.1
        let q1 = tuning.modelErrorFraction * x[Self.r1] * (1 - a1) * i
        let q2 = tuning.modelErrorFraction * x[Self.r2] * (1 - a2) * i
        p[Self.soc, Self.soc] += Self.square(tuning.socDriftPerRootHour) * hours
        p[Self.fast, Self.fast] += q1 * q1 + 1e-12
        let wander = tuning.polarisationWander * (abs(x[Self.slow]) + abs(x[Self.r2] * i))
        p[Self.slow, Self.slow] += q2 * q2 + wander * wander * dt / slowTime + 1e-12
        // Under a held load its variance tends to (fraction × IR drop)²; at rest it relaxes.
        let missed = tuning.unmodelledPolarisation * (abs(x[Self.r0]) + abs(x[Self.r1]) + abs(x[Self.r2])) * i
        p[Self.diffusion, Self.diffusion] += missed * missed * (1 - a3 * a3)
        for index in Self.resistances { p[index, index] += walk }
        p[Self.table, Self.table] += Self.square(tuning.openCircuitSigma) * (1 - rho * rho)
    }

    /// Corrects the state with a measured terminal voltage.
    ///
    /// An iterated update: the OCV is re-evaluated at each new estimate until
    /// SOC settles (its slope is the reference's, see `slopeMemory`), so a
    /// large first innovation (a start 30 % off) lands on the curve rather
    /// than on a tangent.
    public mutating func correct(voltage: Double, current: Double) {
        let prior = x
        var iterate = x
        var ph = SIMD16<Double>()
        var s = 1.0
        let modelError = tuning.modelErrorFraction * abs(x[Self.r0] * (current - x[Self.offset]))
        let noise = Self.square(tuning.voltageSigma) + modelError * modelError
        var downWeight = true
        // The secant is taken again only when its reference moves (rarely).
        var slopeTakenAt = slopeReference
        var slope = secant(around: slopeReference)
        for iteration in 0..<Self.maximumIterations {
            let ocv = curve.evaluate(Self.physical(iterate[Self.soc])).value
            // Far from the reference its slope no longer describes the curve
            // where the estimate is, and the iteration would overshoot.
            if abs(iterate[Self.soc] - slopeReference) > Self.slopeReach { slopeReference = iterate[Self.soc] }
            if slopeReference != slopeTakenAt {
                slopeTakenAt = slopeReference
                slope = secant(around: slopeReference)
            }
            let i = current - iterate[Self.offset]
            var h = SIMD16<Double>()
            h[Self.soc] = slope
            h[Self.fast] = 1
            h[Self.slow] = 1
            h[Self.r0] = i
            h[Self.table] = 1
            h[Self.diffusion] = 1
            let predicted = ocv + iterate[Self.table] + iterate[Self.fast] + iterate[Self.slow] + iterate[Self.diffusion]
                + iterate[Self.r0] * i
            // Innovation about the iterate, referred back to the prior (Gauss–Newton).
            let residual = voltage - predicted - (h * (prior - iterate)).sum()
            ph = p.times(h)
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
            s = s0 + r
            innovationSigma = s.squareRoot()
            let next = prior + ph * (residual / s)
            let settled = abs(next[Self.soc] - iterate[Self.soc]) < 1e-7
            iterate = next
            if settled { break }
        }
        x = iterate
        p.subtract(outer: ph, over: s)
        p[Self.soc, Self.soc] = max(p[Self.soc, Self.soc], 1e-10)
        constrain()
        slopeReference += min(1, lastStep / Self.slopeMemory) * (x[Self.soc] - slopeReference)
    }

    /// SOC moved into `physicalRange`.
    static func physical(_ soc: Double) -> Double {
        min(max(soc, physicalRange.lowerBound), physicalRange.upperBound)
    }

    /// Moves the mean back into the region a cell can be in when an update
    /// left it: SOC within `physicalRange`, no resistance below 0.
    ///
    /// Past full the table says nothing (the OCV beyond its last point is not
    /// known). A charge counted on past full used to carry SOC onto an
    /// invented wall of volts, which the RC states then cancelled with volts
    /// of their own and negative resistances, and whose steepness made σ
    /// collapse. The bound is taken as a noise-free measurement of the state
    /// it binds (estimate projection, Simon & Chia 2002): the states
    /// correlated with it move back with it, so an update that pushed SOC
    /// past full is undone as a whole and cannot ratchet them on, sample
    /// after sample, while SOC sits at the bound. The covariance stays: the
    /// truth near a bound is as uncertain as before.
    private mutating func constrain() {
        for index in Self.resistances { project(index, into: 0...Double.infinity) }
        project(Self.soc, into: Self.physicalRange)
        // Each projection moves the others' states a little; what it leaves
        // past a bound is second order and is cut.
        x[Self.soc] = Self.physical(x[Self.soc])
        for index in Self.resistances { x[index] = max(x[index], 0) }
    }

    private mutating func project(_ index: Int, into bounds: ClosedRange<Double>) {
        let value = x[index], target = min(max(value, bounds.lowerBound), bounds.upperBound)
        let variance = p[index, index]
        guard target != value, variance > 0 else { return }
        var h = SIMD16<Double>()
        h[index] = 1
        x += p.times(h) * ((target - value) / variance)
    }

    /// SOC a cell can hold: none to full.
    static let physicalRange = 0.0...1.0

    /// The estimate and its σ given that SOC lies in `physicalRange`.
    ///
    /// The filter's Gaussian puts some probability past either end (a charge
    /// counted on past full with a capacity a few per cent low). Given that
    /// the cell cannot be there, what is left is the Gaussian truncated to
    /// the range: its most probable value is the filter's estimate moved
    /// onto the range, and σ is the truncated distribution's RMS distance
    /// from that value, so it still holds the truth as often as before. The
    /// truncated mean would be the other choice, but near full with a wide
    /// σ it sits well inside the range (0.8σ below full when the estimate is
    /// at full), and a cell that starts full would read low by it. The filter
    /// itself keeps the Gaussian: truncating it at every sample and carrying
    /// the result on as a Gaussian would cut the same tail again each time.
    static func bounded(mean: Double, variance: Double) -> (mean: Double, sigma: Double) {
        let sd = variance.squareRoot()
        // Only the nearer end holds enough probability to matter.
        let upper = mean > (physicalRange.lowerBound + physicalRange.upperBound) / 2
        let bound = upper ? physicalRange.upperBound : physicalRange.lowerBound
        // How many σ the bound lies beyond the mean: beyond 6, under 1e-9 of the probability is cut.
        let t = (upper ? bound - mean : mean - bound) / sd
        guard t < 6 else { return (mean, sd) }
        let mills = inverseMillsRatio(t)
        let truncatedMean = mean + sd * mills * (upper ? -1 : 1)
        let truncatedVariance = variance * max(1 - t * mills - mills * mills, 1e-12)
        let mode = min(max(mean, physicalRange.lowerBound), physicalRange.upperBound)
        return (mode, (truncatedVariance + (truncatedMean - mode) * (truncatedMean - mode)).squareRoot())
    }

    /// φ(t)/Φ(t) for the standard normal, accurate far into the lower tail.
    static func inverseMillsRatio(_ t: Double) -> Double {
        if t < -30 {
            // Φ(t) ≈ φ(t)/|t|·(1 − 1/t² + 3/t⁴) where Φ underflows.
            let u = 1 / (t * t)
            return -t / (1 - u + 3 * u * u)
        }
        return Double.exp(-t * t / 2) / (2 * Double.pi).squareRoot() / (Double.erfc(-t / Double(2).squareRoot()) / 2)
    }

    static let maximumIterations = 6

    /// SOC half-span of the secant taken as the OCV's slope: the table's
    /// kinks are where its points happen to lie, not a feature of the cell,
    /// and a tangent there would time SOC by when the kink is crossed.
    static let slopeSpan = 0.02

    /// s: how long the estimate must hold before the slope follows it.
    ///
    /// Under a held current a voltage fixes only a line of (SOC,
    /// polarisation) pairs, and every later sample gives the same line:
    /// nothing new until a rest. While SOC is uncertain, noise moves the
    /// estimate a per cent along that line; a slope taken at the estimate
    /// then tilts each sample's line a little (near the top of a cathode's
    /// curve the slope changes tenfold within a few per cent), and the filter
    /// triangulates SOC out of its own linearisation, sure of it within
    /// seconds. A slope that moves with counted charge and follows the
    /// corrections only over minutes keeps the lines parallel.
    static let slopeMemory = 600.0
    /// SOC distance from the estimate at which the reference jumps to it.
    static let slopeReach = 0.05

    /// The OCV's secant slope over `slopeSpan` either side of `centre`, the
    /// window moved inside the table where it reaches past an end: beyond the
    /// table the curve is an extrapolation, and its slope would claim a
    /// precision the table does not have.
    private func secant(around centre: Double) -> Double {
        let first = curve.stateOfCharge[0], last = curve.stateOfCharge[curve.stateOfCharge.count - 1]
        let span = min(Self.slopeSpan, (last - first) / 2)
        let middle = min(max(centre, first + span), last - span)
        return (curve.evaluate(middle + span).value - curve.evaluate(middle - span).value) / (2 * span)
    }

    /// Corrects one resistance with a direct measurement of it (a fitted
    /// step response for R1 and R2).
    ///
    /// - Parameters:
    ///   - index: `StateOfChargeFilter.r1` or `.r2`.
    ///   - sigma: the measurement's standard deviation (Ω).
    mutating func observe(resistance value: Double, index: Int, sigma: Double) {
        var h = SIMD16<Double>()
        h[index] = 1
        let ph = p.times(h)
        let s = ph[index] + sigma * sigma
        x += ph * ((value - x[index]) / s)
        p.subtract(outer: ph, over: s)
        constrain()
    }

    /// Takes a circuit fitted to a step response: its time constants, and
    /// its RC resistances good to `relativeSigma` of the total.
    public mutating func observeRelaxation(_ fitted: EquivalentCircuit, relativeSigma: Double) {
        fastTime = fitted.fastTime
        slowTime = fitted.slowTime
        let sigma = relativeSigma * fitted.totalResistance
        observe(resistance: fitted.fastResistance, index: Self.r1, sigma: sigma)
        observe(resistance: fitted.slowResistance, index: Self.r2, sigma: sigma)
    }

    /// Replaces the capacity counted against (C) by a better estimate of the
    /// cell's own, which supersedes the filter's correction to the old one.
    public mutating func replaceCapacity(_ value: Double) {
        capacity = value
        x[Self.gain] = 1
    }

    /// Puts SOC at `soc` with standard deviation `sigma`, keeping the rest;
    /// for an operator who knows better (a cell just assembled discharged).
    public mutating func reset(stateOfCharge soc: Double, sigma: Double) {
        x[Self.soc] = soc
        p.reset(Self.soc, variance: sigma * sigma)
    }
}
