import Numerics

/// One channel's online model: SOC, resistances, expected stack pressure
/// and failure detectors, fed every sample and every spectrum.
///
/// It is a value with no clock and no I/O, so the daemon runs it on a
/// channel's task and `cyclerctl soc` runs the very same code over a file.
/// Each `update` costs well under a microsecond (Benchmarks/livemodel-throughput.sh).
public struct LiveModel: Sendable {
    public let configuration: LiveModelConfiguration
    public private(set) var filter: StateOfChargeFilter?
    public private(set) var capacityEstimator: CapacityEstimator?
    private var steps: StepResponseTracker
    private var identifier: CircuitIdentifier
    public private(set) var pressure: StackPressureModel
    private var cycles: CycleCounter
    private var shorts: ShortCircuitDetector
    private var contact: ContactLossDetector
    private var interphase: InterphaseGrowthDetector?
    private var pressureAnomaly: PressureAnomalyDetector
    private var drift: OpenCircuitDriftDetector
    private var fade: CapacityFadeDetector
    public var impedance: ImpedanceTracker?

    /// Step resistances: R_ohm and R_int series (Ω).
    public private(set) var ohmicHistory = ResistanceHistory()
    public private(set) var interfacialHistory = ResistanceHistory()
    /// Every alarm raised so far.
    public private(set) var alarms: [Alarm] = []
    /// The latest step's resistances.
    public private(set) var lastStep: StepResistance?
    private var circuitKnown: Bool
    /// R0 by SOC, from every step (full cells).
    public private(set) var ohmicMap = ResistanceMap()
    private var lastTime: Double?
    private var restingSince: Double?
    /// Rest judged against the current sensor's own offset and noise.
    public private(set) var rest: RestDetector
    /// When the SOC filter first became sure enough to learn capacity from.
    private var convergedSince: Double?
    static let convergedSigma = 0.02
    /// s: a rest this long pins SOC well enough to measure capacity between two of them.
    static let anchorRest = 300.0
    /// The SOC and net charge at the end of the rest under way.
    private var restAnchor: (stateOfCharge: Double, charge: Double)?
    /// OCV by Coulomb counting alone from an anchor the filter sets between
    /// steps: step responses must not see the filter's own corrections.
    private var countedOpenCircuit = 0.0
    private var anchorStateOfCharge = 0.0
    private var anchorCharge = 0.0
    private var netCharge = 0.0

    public init(configuration: LiveModelConfiguration) {
        self.configuration = configuration
        let t = configuration.thresholds
        steps = StepResponseTracker(settings: configuration.steps)
        identifier = CircuitIdentifier(settings: configuration.identification)
        pressure = StackPressureModel(growthPerCharge: configuration.growthPerCharge,
                                      appliedPressure: configuration.appliedPressure, settings: configuration.pressure)
        let turn = configuration.kind == .full ? 0.1 * (configuration.capacity ?? 0) : 0
        cycles = CycleCounter(turnCharge: turn, restCurrent: configuration.restCurrent)
        shorts = ShortCircuitDetector(thresholds: t)
        // A full cell's R0 correction also carries diffusion polarisation the
        // circuit lacks (it doubles near the ends of a long CC half), so there
        // a rise counts only with a pressure drop behind it.
        contact = ContactLossDetector(thresholds: t, standaloneRise: configuration.kind == .full ? .infinity : t.contactResistanceRise)
        interphase = configuration.area.map { InterphaseGrowthDetector(thresholds: t, area: $0) }
        pressureAnomaly = PressureAnomalyDetector(thresholds: t)
        drift = OpenCircuitDriftDetector(thresholds: t)
        fade = CapacityFadeDetector(thresholds: t)
        circuitKnown = configuration.initialCircuit != nil
        // A full cell's sensor may read up to the filter's prior offset at rest.
        let offsetBound = configuration.capacity.map { configuration.filterTuning.currentOffsetSigma * $0 / 3600 } ?? 0
        rest = RestDetector(offsetBound: configuration.kind == .full ? max(configuration.restCurrent, offsetBound) : configuration.restCurrent,
                            resolution: configuration.restCurrent)
        if configuration.kind == .full, let capacity = configuration.capacity {
            capacityEstimator = CapacityEstimator(nominal: capacity)
        }
    }

    /// Cycles finished so far.
    public var completedCycles: Int { cycles.completedCycles }

    /// The circuit the SOC filter uses now.
    public var circuit: EquivalentCircuit? { circuitKnown ? filter?.circuit : nil }

    /// Feeds one sample; returns the estimates after it and any alarms it raised.
    public mutating func update(_ m: Measurement) -> LiveEstimate {
        let dt = lastTime.map { max(0, m.time - $0) } ?? 0
        defer { lastTime = m.time }
        var raised: [Alarm] = []
        let resting = rest.update(current: m.current)
        if resting { restingSince = restingSince ?? m.time } else { restingSince = nil }
        let cycle = cycles.completedCycles

        // SOC: predict, check for a collapse against the prediction, then correct.
        var openCircuit = 0.0
        if configuration.kind == .full, let curve = configuration.curve, let capacity = configuration.capacity {
            if filter == nil {
                let given = configuration.initialCircuit
                let circuit = given ?? Self.typicalCircuit(capacity: capacity)
                let soc = configuration.initialStateOfCharge ?? Self.startingStateOfCharge(curve: curve, first: m, circuit: circuit)
                var f = StateOfChargeFilter(curve: curve, capacity: capacity, circuit: circuit,
                                            circuitUncertainty: given == nil ? Self.unknownCircuitUncertainty : Self.givenCircuitUncertainty,
                                            initialStateOfCharge: soc, initialSigma: configuration.initialSigma,
                                            tuning: configuration.filterTuning)
                // The first reading may already be under load: it constrains SOC and the resistances together.
                f.correct(voltage: m.voltage, current: m.current)
                filter = f
            } else {
                // The filter is worked on in place: it is large, and a copy each sample would cost more than its update.
                filter?.predict(current: m.current, dt: dt)
                // A collapse is judged against a prediction worth the name, and
                // against an OCV the cell can have: an estimate strayed past the
                // table's end extrapolates to volts no cell holds, and a healthy
                // 3.7 V would look like a collapse beside them.
                if circuitKnown, convergedSince != nil, let predicted = filter?.predictedVoltage(current: m.current),
                   let filterOpenCircuit = filter?.openCircuitVoltage,
                   let alarm = shorts.updateFull(time: m.time, voltage: m.voltage, predicted: predicted,
                                                 openCircuit: min(max(filterOpenCircuit, curve.voltageRange.lowerBound), curve.voltageRange.upperBound),
                                                 cycle: cycle) {
                    raised.append(alarm)
                }
                if !shorts.isCollapsed {
                    filter?.correct(voltage: m.voltage, current: m.current)
                }
            }
            openCircuit = filter?.openCircuitVoltage ?? 0
            if convergedSince == nil, let sigma = filter?.sigma, sigma < Self.convergedSigma { convergedSince = m.time }
            netCharge += m.current * dt
            // Charge counted past full or empty (a side reaction at the top of
            // charge) moves no OCV: the table ends there, and its extrapolation
            // would read as a step's resistance.
            countedOpenCircuit = curve.evaluate(StateOfChargeFilter.physical(anchorStateOfCharge + (netCharge - anchorCharge) / capacity)).value
        }

        // Steps: R_ohm and R_int, and the circuit identified from steps off a rest.
        let previousStep = steps.active
        if let step = steps.update(time: m.time, current: m.current, voltage: m.voltage, openCircuit: countedOpenCircuit) {
            record(step, cycle: cycle, raised: &raised)
        }
        if let active = steps.active, active.time == m.time, active != previousStep {
            identifier.begin(active, stateOfCharge: filter?.stateOfCharge ?? 0, tolerance: configuration.steps)
        } else if configuration.kind == .full,
                  let fitted = identifier.add(time: m.time, current: m.current, voltage: m.voltage, openCircuit: countedOpenCircuit),
                  var f = filter {
            // The steps' jumps keep R0; the fit contributes the relaxations.
            f.observeRelaxation(fitted, relativeSigma: Self.measuredResistanceSigma)
            circuitKnown = true
            filter = f
        }

        if steps.active == nil, !identifier.isFollowing, let stateOfCharge = filter?.stateOfCharge {
            anchorStateOfCharge = stateOfCharge
            anchorCharge = netCharge
        }

        // Stack pressure.
        let residual = pressure.update(dt: dt, current: m.current, pressure: m.pressure)
        if let residual { contact.record(pressureResidual: residual, time: m.time) }
        if let residual, let measured = m.pressure,
           let alarm = pressureAnomaly.update(time: m.time, cycle: cycle, measured: measured, residual: residual) {
            raised.append(alarm)
        }

        // Capacity from settled rests, cycles and fade.
        if let stateOfCharge = filter?.stateOfCharge, convergedSince != nil {
            if resting, let since = restingSince, m.time - since >= Self.anchorRest {
                restAnchor = (stateOfCharge, netCharge)
            } else if !resting, let anchor = restAnchor, var estimator = capacityEstimator {
                // Only a pair that measured the capacity replaces the filter's
                // own correction to it: any other rest's end would throw away
                // what Coulomb counting between rests had taught the filter.
                if estimator.anchor(stateOfCharge: anchor.stateOfCharge, netCharge: anchor.charge) != nil {
                    filter?.replaceCapacity(estimator.capacity)
                }
                capacityEstimator = estimator
                restAnchor = nil
            }
        }
        let overpotential = abs(m.voltage - openCircuit)
        if let (half, finished) = cycles.update(time: m.time, dt: dt, current: resting ? 0 : m.current, overpotential: overpotential) {
            if configuration.kind == .symmetric { contact.record(halfCycle: half) }
            if let finished, let capacity = capacityEstimator?.capacity {
                if let alarm = fade.update(time: m.time, cycle: finished.index, capacity: capacity, delivered: finished.discharge.charge) {
                    raised.append(alarm)
                }
                recordCycleResistance(time: m.time, cycle: finished.index, raised: &raised)
            }
        }

        // Shorts and contact in the polarisation under a held current.
        let settledLevel = steps.active == nil && !resting
        if configuration.kind == .symmetric, !resting,
           let alarm = shorts.updateSymmetric(time: m.time, dt: dt, current: m.current, voltage: m.voltage,
                                              settledLevel: settledLevel, stepOhmic: steps.active?.ohmic ?? lastStep?.ohmic,
                                              cycle: cycle) {
            raised.append(alarm)
        }
        if configuration.kind == .symmetric, settledLevel, !shorts.isCollapsed, m.current != 0,
           let alarm = contact.update(time: m.time, dt: dt, resistance: abs(m.voltage / m.current), reference: nil, cycle: cycle) {
            raised.append(alarm)
        }
        // A full cell's R0 depends on SOC: the filter's correction δR to the
        // map's R0 at this SOC is what contact loss moves, and it is smooth.
        if configuration.kind == .full, settledLevel, circuitKnown, !shorts.isCollapsed,
           let capacity = filter?.capacity, let stateOfCharge = filter?.stateOfCharge, let resistance = filter?.effectiveOhmicResistance,
           abs(m.current) >= Self.contactCurrentFraction * capacity / 3600,
           configuration.identification.stateOfChargeRange.contains(stateOfCharge),
           let alarm = contact.update(time: m.time, dt: dt, resistance: resistance,
                                      reference: ohmicMap.value(at: stateOfCharge), cycle: cycle) {
            raised.append(alarm)
        }

        let slope = filter?.openCircuitSlope
        if let alarm = drift.update(time: m.time, resting: resting && !shorts.isCollapsed, voltage: m.voltage, slope: slope, cycle: cycle) {
            raised.append(alarm)
        }
        alarms += raised
        return LiveEstimate(
            time: m.time, stateOfCharge: filter?.stateOfCharge, stateOfChargeSigma: filter?.sigma,
            capacity: capacityEstimator?.capacity, stateOfHealth: capacityEstimator?.stateOfHealth,
            ohmicResistance: lastStep.map { abs($0.ohmic) }, interfacialResistance: lastStep?.interfacial,
            expectedPressure: pressure.expected, pressureResidual: residual, cycle: cycles.completedCycles, alarms: raised)
    }

    private mutating func record(_ step: StepResistance, cycle: Int, raised: inout [Alarm]) {
        lastStep = step
        ohmicHistory.append(time: step.time, cycle: cycle, resistance: abs(step.ohmic))
        // The filter has R0 from this very jump already (a step moves only
        // R0·I at once): taking it again as a measurement counted it twice,
        // and one taken at a cut-off (solid diffusion relaxing within the
        // sample, ten times the mid-SOC R0) was then hard to unlearn.
        if configuration.kind == .full, step.ohmic > 0, let soc = filter?.stateOfCharge {
            ohmicMap.record(step.ohmic, at: soc)
            circuitKnown = true
        }
        guard let interfacial = step.interfacial else { return }
        interfacialHistory.append(time: step.time, cycle: cycle, resistance: interfacial)
        // Without EIS the interphase detector watches the DC series: R_int when
        // the jump resolved the ohmic part, else everything up to the relaxation
        // time. A full cell's resistance depends on SOC, so its series is
        // read once per cycle off the R0 map instead.
        guard configuration.kind == .symmetric, impedance?.series[.interface] == nil else { return }
        let resolved = step.jumpDelay <= Self.ohmicResolution
        judgeInterphase(time: step.time, cycle: cycle, resistance: resolved ? interfacial : abs(step.ohmic) + interfacial,
                        raised: &raised)
    }

    /// Appends a full cell's mid-SOC resistance after a cycle and judges it.
    private mutating func recordCycleResistance(time: Double, cycle: Int, raised: inout [Alarm]) {
        guard impedance?.series[.interface] == nil else { return }
        let range = configuration.identification.stateOfChargeRange
        let grid = stride(from: range.lowerBound, through: range.upperBound, by: 0.05)
        let values = grid.compactMap { ohmicMap.distance(from: $0) == 0 ? ohmicMap.value(at: $0) : nil }
        guard values.count >= 3 else { return }
        judgeInterphase(time: time, cycle: cycle, resistance: values.reduce(0, +) / Double(values.count), raised: &raised)
    }

    private mutating func judgeInterphase(time: Double, cycle: Int, resistance: Double, raised: inout [Alarm]) {
        interfaceSeries.append(time: time, cycle: cycle, resistance: resistance)
        guard var detector = interphase else { return }
        if let alarm = detector.update(time: time, cycle: cycle, history: interfaceSeries, cycling: cycles.completedCycles > 0) {
            raised.append(alarm)
        }
        interphase = detector
    }

    /// The circuit assumed before any is given or measured: 0.2 V of total
    /// polarisation at 1C (lab cells show 0.1–0.5 V), split as a step
    /// response usually is, with time constants a decade apart (charge
    /// transfer, then electrolyte and particle surface; the filter's
    /// unmodelled polarisation takes the decade above).
    static func typicalCircuit(capacity: Double) -> EquivalentCircuit {
        let total = 0.2 / (capacity / 3600)
        return EquivalentCircuit(ohmicResistance: 0.4 * total, fastResistance: 0.2 * total, fastTime: 10,
                                 slowResistance: 0.4 * total, slowTime: 100)
    }

    /// Where the first reading puts SOC before it corrects anything: on the
    /// curve at the OCV the prior circuit gives that reading.
    ///
    /// A first reading under load sits below (discharge) or above (charge)
    /// its OCV by the circuit's instantaneous drop; the RC branches start at
    /// rest. Read off the curve at the loaded voltage, the start assumed no
    /// drop while the first correction assumed the circuit's, and the
    /// iterated update settled between the two, on a secant taken where the
    /// cell was not: PyBaMM's LG M50 started full under C/2 read 0.7 % lower
    /// at once, and all the way down to the first rest.
    static func startingStateOfCharge(curve: OpenCircuitCurve, first m: Measurement, circuit: EquivalentCircuit) -> Double {
        curve.stateOfCharge(at: m.voltage - circuit.ohmicResistance * m.current)
    }

    /// Prior σ of each resistance, relative to the circuit's total: broad
    /// when nobody measured it (0 to about three times the typical circuit
    /// within 2σ), narrower for the cell file's.
    static let unknownCircuitUncertainty = 1.0
    static let givenCircuitUncertainty = 0.2

    /// Relative σ of a resistance measured from a step's jump or fitted to its relaxation.
    static let measuredResistanceSigma = 0.2

    /// C-rate below which the R0 correction is too weakly observed to judge contact by.
    static let contactCurrentFraction = 0.05

    /// s: a jump sampled this soon after a step has not yet seen interfaces relax.
    public static let ohmicResolution = 1e-3
    /// The interfacial resistance series the interphase detector judges.
    public private(set) var interfaceSeries = ResistanceHistory()

    /// Feeds one impedance spectrum: refits it (warm-started) and, when the
    /// fit separates an interface, judges its growth.
    ///
    /// - Returns: the spectrum's reading and any alarm it raised; nil when no
    ///   impedance tracker is set.
    /// - Throws: the fitter's error; nothing else changes then.
    public mutating func ingest(_ spectrum: ImpedanceMeasurement) throws -> (reading: ImpedanceTracker.Reading, alarms: [Alarm])? {
        guard var tracker = impedance else { return nil }
        let reading = try tracker.ingest(spectrum, cycle: cycles.completedCycles)
        impedance = tracker
        var raised: [Alarm] = []
        if let interface = tracker.series[.interface], var detector = interphase {
            if let alarm = detector.update(time: spectrum.time, cycle: cycles.completedCycles, history: interface,
                                           cycling: cycles.completedCycles > 0) {
                raised.append(alarm)
            }
            interphase = detector
        }
        alarms += raised
        return (reading, raised)
    }

    /// How fast the interfacial resistance the interphase detector judges is
    /// growing: Ω per √h (parabolic growth at rest) and Ω per cycle.
    public var interfaceGrowth: (perRootHour: Double?, perCycle: Double?) {
        let series = impedance?.series[.interface] ?? interfaceSeries
        return (series.growthPerRootHour, series.growthPerCycle())
    }

    /// The last step's R_ohm beside what the latest spectrum says that jump
    /// should read (every arc that relaxes within the jump's delay), so DC and
    /// EIS resistances are compared like for like; nil without both.
    public var ohmicAgainstImpedance: (dc: Double, impedance: Double)? {
        guard let step = lastStep, let expected = impedance?.expectedOhmic(jumpDelay: step.jumpDelay) else { return nil }
        return (abs(step.ohmic), expected)
    }

    /// Tells the model the rig was set to a new pressure, so the change is
    /// expected rather than an anomaly.
    public mutating func noteAppliedPressure(_ pascal: Double) {
        pressure.rebase(appliedPressure: pascal)
    }
}
