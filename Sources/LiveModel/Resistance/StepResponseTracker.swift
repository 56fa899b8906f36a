/// Finds current steps and reversals in the sample stream and reads R_ohm and
/// R_int from each.
///
/// R_ohm is the instantaneous jump: ΔV/ΔI between the last sample before the
/// step and the first after it. R_int is what relaxes from then until a fixed
/// time after the step (`relaxationTime`): ΔV(t_relax)/ΔI − R_ohm. By
/// superposition this holds for a reversal as well as a step from rest,
/// provided the previous current had held for at least `relaxationTime`. A
/// change out of a current that was not held (a CV hold's decay) is no step. The
/// OCV's own drift over the window (from the SOC filter) is taken out so a
/// full cell's charging does not read as resistance.
public struct StepResponseTracker: Sendable {
    public struct Settings: Sendable, Hashable {
        /// s: the fixed relaxation time R_int is read at.
        public var relaxationTime = 10.0
        /// A: smallest current change taken as a step, at least.
        public var minimumStep = 1e-7
        /// Smallest change relative to the larger of the two currents.
        public var relativeStep = 0.05
        /// Relative drift of the held current that still counts as "held"
        /// (and at least `minimumStep`).
        public var holdTolerance = 0.02
        public init() {}
    }

    /// A step being watched until its relaxation time.
    public struct ActiveStep: Sendable, Hashable {
        public var time: Double
        public var currentBefore: Double
        public var currentAfter: Double
        public var voltageBefore: Double
        public var openCircuitBefore: Double
        /// s the previous current had held before the step.
        public var heldBefore: Double
        public var ohmic: Double
        public var jumpDelay: Double
        var lastElapsed: Double
        var lastResistance: Double
    }

    public var settings: Settings
    public private(set) var active: ActiveStep?
    private var previous: (time: Double, current: Double, voltage: Double, openCircuit: Double)?
    /// s: when the present current level began.
    private var levelStart: Double = 0

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Feeds one sample with the OCV the SOC filter estimates for it (0 for
    /// symmetric cells). Returns a step's resistances once they are known.
    public mutating func update(time: Double, current: Double, voltage: Double, openCircuit: Double) -> StepResistance? {
        defer { previous = (time, current, voltage, openCircuit) }
        guard let last = previous else {
            levelStart = time
            return nil
        }
        var finished: StepResistance?
        if var step = active {
            let elapsed = time - step.time
            let held = abs(current - step.currentAfter) <= max(settings.holdTolerance * abs(step.currentAfter), settings.minimumStep)
            let resistance = (voltage - step.voltageBefore - (openCircuit - step.openCircuitBefore)) / (step.currentAfter - step.currentBefore)
            if !held {
                finished = result(step, interfacial: nil)
                active = nil
            } else if elapsed >= settings.relaxationTime {
                var interfacial: Double?
                if step.heldBefore >= settings.relaxationTime, step.lastElapsed < settings.relaxationTime {
                    // Interpolate to exactly the relaxation time.
                    let w = (settings.relaxationTime - step.lastElapsed) / (elapsed - step.lastElapsed)
                    let atRelaxation = step.lastResistance + w * (resistance - step.lastResistance)
                    interfacial = atRelaxation - step.ohmic
                }
                finished = result(step, interfacial: interfacial)
                active = nil
            } else {
                step.lastElapsed = elapsed
                step.lastResistance = resistance
                active = step
            }
        }
        let change = current - last.current
        let threshold = max(settings.minimumStep, settings.relativeStep * max(abs(current), abs(last.current)))
        if abs(change) > threshold, last.time > levelStart {
            let ohmic = (voltage - last.voltage - (openCircuit - last.openCircuit)) / change
            active = ActiveStep(time: time, currentBefore: last.current, currentAfter: current,
                                voltageBefore: last.voltage, openCircuitBefore: last.openCircuit,
                                heldBefore: last.time - levelStart, ohmic: ohmic, jumpDelay: time - last.time,
                                lastElapsed: 0, lastResistance: ohmic)
            levelStart = time
        } else if abs(change) > max(settings.holdTolerance * abs(current), settings.minimumStep) {
            // A drifting current (a CV hold) is not a held level, and a change
            // out of one is no step: the cell's voltage was held while its
            // relaxations, built up under the earlier current, went on
            // moving, and ΔV/ΔI would read them (and the OCV's drift) as
            // resistance: hundreds to thousands of ohms down a CV hold.
            levelStart = time
        }
        return finished
    }

    private func result(_ step: ActiveStep, interfacial: Double?) -> StepResistance {
        StepResistance(time: step.time, currentChange: step.currentAfter - step.currentBefore,
                       isReversal: step.currentBefore * step.currentAfter < 0, jumpDelay: step.jumpDelay,
                       ohmic: step.ohmic, interfacial: interfacial)
    }
}
