import Numerics

/// The physics that turns a definition and a state into electrical values,
/// and advances the slow state.
extension SimulatedCell {
    /// Reference pressure at which preset ASRs and CCDs are quoted.
    static let referencePressure = 10e6
    /// Activation energy of interfacial charge transfer (eV).
    static let chargeTransferActivation = 0.35
    /// Activation energy of interphase growth (eV).
    static let interphaseActivation = 0.5
    /// Activation energies of salt diffusion and of the CCD (eV).
    static let saltDiffusionActivation = 0.4, criticalCurrentActivation = 0.3
    /// Current density that doubles interphase growth over rest (A/m², 1 mA/cm²).
    static let cyclingGrowthCurrent = 10.0
    /// Interphase growth at the cathode below the SE's oxidation onset
    /// (Ω·m²/√h; 0.5 Ω·cm²/√h).
    static let cathodeInterphaseGrowth = 0.5e-4
    /// How steeply oxidation above onset accelerates growth (V per e-fold), and
    /// its cap. The cap stands for a coated cathode (LiNbO₃ on NMC, as most
    /// labs use): a C/2 cell loses a fraction of a percent per cycle, not the
    /// 1–2 % of an uncoated one (DOMAIN §4, cathode-side oxidation).
    static let oxidationScale = 0.15, oxidationCap = 10.0
    /// Focusing of current into Li filaments: how much faster than planar
    /// plating a filament advances once the CCD is exceeded.
    static let filamentFocusing = 1e4
    /// Resistance of a hard short (Ω) and a soft short (fraction of the cell's ionic resistance).
    static let hardShortResistance = 1.0, softShortFraction = 0.3
    /// A blocking CPE is a ZARC whose resistance shows only beyond this time
    /// (s, three years): its leak is 1e-5 of the electronic current.
    static let blockingTime = 1e8
    /// Frequency at which a blocking CPE has the interface's capacitance (Hz).
    static let blockingReferenceFrequency = 1e3
    /// Time constant of the electrolyte's oxidation on a fresh cathode at the
    /// top of its window, and the potential (V) per e-fold below it: the
    /// cathode interphase forms mostly near the end of the first charge.
    static let formationTime = 3600.0, formationScale = 0.05
    /// A fresh cathode interface's contact and charge-transfer ASR over a
    /// formed one's, and the throughput (in capacities) over which the excess
    /// fades: the first low-rate cycles lower it (DOMAIN.md §1, precycling).
    static let freshInterfaceExcess = 2.0, formationThroughput = 2.0

    /// Current (A) with which the electrolyte oxidises on the cathode while its
    /// interphase forms: electrons and Li⁺ from the electrolyte go into the
    /// cathode, so it discharges the cathode inside the cell and the charger
    /// must put that charge back (the first cycle's irreversible capacity).
    /// It grows e-fold per `formationScale` of cathode potential and stops once
    /// the interphase is complete, to a millionth of the cell's capacity.
    ///
    /// Inlined for the reason `electrical` is: every step calls it on a
    /// mutating `self`, which an outlined call would first copy (1.3 kB).
    @inline(__always)
    func formationCurrent(_ p: ElectricalParameters) -> Double {
        let remaining = definition.positive.formationLoss * definition.capacity - state.formationCharge
        guard kind == .full, remaining > 1e-6 * definition.capacity else { return 0 }
        let potential = p.openCircuitVoltage + referenceOffset
        let top = definition.positive.cyclingWindow.upperBound
        return remaining / Self.formationTime * thermal.interphaseFactor
            * Double.exp(min(0, potential - top) / Self.formationScale)
    }

    /// Areal capacitance of an interface (F/m²): the electrode's and the
    /// electrolyte's space charge in series, and in series with them the
    /// interphase layer, ε₀εᵣ/d, whose thickness d is its ASR over its resistivity.
    func interfaceCapacitance(_ electrode: Electrode, interphaseASR: Double) -> Double {
        let se = definition.electrolyte
        var elastance = 1 / electrode.interfaceCapacitance + 1 / se.spaceChargeCapacitance
        if interphaseASR > 0 {
            let thickness = interphaseASR / se.interphaseResistivity
            elastance += thickness / (se.interphasePermittivity * PhysicalConstants.vacuumPermittivity)
        }
        return 1 / elastance
    }

    /// Contact factor of an interface ASR against stack pressure: the contact
    /// part scales as 1/P; below 0.05 MPa contact is essentially lost.
    func contactFactor(pressure: Double) -> Double {
        let c = definition.contactFraction
        return (1 - c) + c * Self.referencePressure / max(pressure, 0.05e6)
    }

    /// Stack pressure from applied pressure, breathing and creep (Pa, ≥ 0).
    var stackPressure: Double {
        max(0, state.appliedPressure + definition.stackStiffness * (state.stackGrowth - state.relaxedGrowth))
    }

    /// Thickness the negative electrode has gained since assembly (m): Li or
    /// Li-In grows by its insertion volume per charge stored, including the
    /// charge the cathode interphase consumed.
    public var negativeElectrodeGrowth: Double {
        kind == .full
            ? definition.negative.thicknessPerArealCharge
                * (definition.capacity * state.stateOfCharge + state.formationCharge) / definition.area : 0
    }

    /// Thickness the composite cathode has gained since assembly (m).
    public var positiveElectrodeGrowth: Double {
        kind == .full ? definition.positive.chargeStrain * definition.cathodeThickness * state.stateOfCharge : 0
    }

    /// Critical current density at the present pressure and temperature (A/m²).
    ///
    /// Inlined, as `formationCurrent`: every plating step of a Li-metal
    /// or Li-In cell reads it.
    public var criticalCurrentDensity: Double {
        @inline(__always) get {
        definition.electrolyte.criticalCurrentDensity
            * Double.pow(max(stackPressure, 0.1e6) / Self.referencePressure, 0.3)
            * thermal.criticalCurrentFactor
        }
    }

    /// Recomputes the cached temperature factors if the temperature moved.
    mutating func refreshThermalFactors() {
        if thermal.temperature != state.temperature {
            thermal = ThermalFactors(material: definition.electrolyte, cathode: definition.positive, temperature: state.temperature)
        }
    }

    /// The cell's electrical model now.
    public var electrical: ElectricalParameters {
        // Inlined into the step functions: called on a mutating `self`, an
        // outlined getter would first copy the whole cell (about 1 kB).
        @inline(__always) get {
        let f = thermal
        let area = definition.area, thickness = definition.electrolyteThickness
        let rBulk = thickness / (f.ionicConductivity * area)
        let cBulk = definition.electrolyte.relativePermittivity * PhysicalConstants.vacuumPermittivity * area / thickness
        let rGB = rBulk * definition.electrolyte.grainBoundaryFraction * f.grainBoundaryFactor
        let cGB = definition.electrolyte.grainBoundaryCapacitanceFactor * area / thickness
        let contact = contactFactor(pressure: stackPressure)
        let ct = f.chargeTransferFactor
        let electrolyteFraction = (1 - definition.activeVolumeFraction) / definition.compositeTortuosity
        let rComposite = kind == .full
            ? definition.cathodeThickness / (3 * f.ionicConductivity * electrolyteFraction * area) : 0

        var p = ElectricalParameters(
            bulkResistance: rBulk, bulkCapacitance: cBulk,
            grainBoundaryResistance: rGB, grainBoundaryTime: rGB * cGB, grainBoundaryExponent: definition.electrolyte.grainBoundaryExponent,
            negativeResistance: 0, negativeTime: 0, negativeExponent: 1,
            positiveResistance: 0, positiveTime: 0, positiveExponent: 1,
            compositeResistance: rComposite,
            diffusionZ0: 0, diffusionTime: 0, concentrationZ0: 0, concentrationTime: 0,
            
            leakageResistance: thickness / (definition.electrolyte.electronicConductivity * f.electronicFactor * area),
            shortResistance: .infinity, inductance: definition.cableInductance,
            openCircuitVoltage: 0, openCircuitSlope: 0)

        let negInterphase = state.negativeInterphaseSquared.squareRoot()
        switch kind {
        case .symmetricLithium:
            // Two identical Li|SE interfaces in series: twice the ASR, half the capacitance.
            let asr = definition.electrolyte.lithiumInterfaceASR * contact * ct + negInterphase
            p.negativeResistance = 2 * asr / area
            p.negativeTime = asr * interfaceCapacitance(definition.negative, interphaseASR: negInterphase)
            p.negativeExponent = definition.negative.interfaceExponent
        case .ionBlocking:
            // Two double layers in series, each a CPE with the pair's
            // capacitance at 1 kHz: its charging current decays as t^(−n), over
            // minutes to hours, before the electronic current alone remains.
            let n = definition.negative.interfaceExponent
            let c = interfaceCapacitance(definition.negative, interphaseASR: 0) * area / 2
            let q = c * Double.pow(2 * Double.pi * Self.blockingReferenceFrequency, 1 - n)
            p.negativeTime = Self.blockingTime
            p.negativeResistance = Double.pow(Self.blockingTime, n) / q
            p.negativeExponent = n
        case .full:
            let negASR = (hasLithiumMetal ? definition.electrolyte.lithiumInterfaceASR : 10e-4) * contact * ct + negInterphase
            p.negativeResistance = negASR / area
            p.negativeTime = negASR * interfaceCapacitance(definition.negative, interphaseASR: negInterphase)
            p.negativeExponent = definition.negative.interfaceExponent
            // The excess is gone (below 1e-9) after 40 capacities.
            let settled = state.chargeThroughput / (Self.formationThroughput * definition.capacity)
            let fresh = settled < 20 ? 1 + Self.freshInterfaceExcess * Double.exp(-settled) : 1
            let posInterphase = state.positiveInterphaseSquared.squareRoot()
            let posASR = definition.positive.interfaceASR * contact * ct * fresh + posInterphase
            // The composite's ionic path charges the same interface
            // capacitance, so it widens the cathode's arc (the transmission
            // line's low-frequency limit) instead of adding one of its own.
            p.positiveResistance = posASR / area + rComposite
            p.positiveTime = p.positiveResistance * area
                * interfaceCapacitance(definition.positive, interphaseASR: posInterphase)
            p.positiveExponent = definition.positive.interfaceExponent
            let ocv = definition.positive.potential.evaluate(surfaceStateOfCharge)
            p.openCircuitVoltage = ocv.value - referenceOffset
            p.openCircuitSlope = ocv.slope / definition.capacity
            if definition.positive.solidDiffusivity > 0 {
                let radius = definition.positive.particleRadius
                p.diffusionTime = radius * radius / (definition.positive.solidDiffusivity * f.particleDiffusionFactor)
                p.diffusionZ0 = p.diffusionTime * p.openCircuitSlope
            }
        }
        if definition.electrolyte.transferenceNumber < 1, definition.electrolyte.saltDiffusivity > 0 {
            let tp = definition.electrolyte.transferenceNumber
            p.concentrationZ0 = rBulk * (1 - tp) / tp
            p.concentrationTime = thickness * thickness / (4 * definition.electrolyte.saltDiffusivity * f.diffusionFactor)
        }
        if state.dendritePenetration >= 1 {
            p.shortResistance = Self.hardShortResistance
        } else if state.time < state.softShortUntil {
            p.shortResistance = Self.softShortFraction * (rBulk + p.negativeResistance)
        }
        return p
        }
    }

    /// The fractions of the way thermal and creep relaxations go in `dt`,
    /// cached for the last step length (steps repeat the same `dt`).
    private mutating func relaxationFactors(dt: Double) -> RelaxationFactors {
        if relaxation.step != dt {
            relaxation = RelaxationFactors(
                step: dt, thermal: -Double.expMinusOne(-dt / definition.thermalTime),
                creep: -Double.expMinusOne(-dt / definition.creepTime))
        }
        return relaxation
    }

    /// Advances the slow state by `dt` with ionic current `ionic` (A) flowing.
    mutating func advanceSlowState(dt: Double, ionic: Double, formation: Double, terminalVoltage: Double) {
        state.time += dt
        state.ionicCharge += ionic * dt
        if kind == .full {
            state.stateOfCharge += (ionic - formation) * dt / definition.capacity
            state.chargeThroughput += abs(ionic) * dt
            state.formationCharge += formation * dt
        }

        let relaxation = relaxationFactors(dt: dt)
        // Temperature follows the chamber.
        if state.temperature != state.ambientTemperature {
            state.temperature += (state.ambientTemperature - state.temperature) * relaxation.thermal
        }
        refreshThermalFactors()

        // Breathing: anode growth per charge inserted plus cathode strain, both tied to SOC.
        state.stackGrowth = negativeElectrodeGrowth + positiveElectrodeGrowth
        state.relaxedGrowth += (state.stackGrowth - state.relaxedGrowth) * relaxation.creep

        // Parabolic interphase growth: d(ASR²)/dt = k²·(rest + cycling) per hour.
        let arrhenius = thermal.interphaseFactor
        let density = abs(ionic) / definition.area
        let drive = 1 + density / Self.cyclingGrowthCurrent
        if kind != .ionBlocking, definition.negative.role != .anode || hasLithiumMetal {
            let k = definition.electrolyte.lithiumInterphaseGrowth
            state.negativeInterphaseSquared += k * k * arrhenius * drive * dt / 3600
        }
        if kind == .full {
            let cathodePotential = terminalVoltage + referenceOffset
            let over = max(0, cathodePotential - definition.electrolyte.oxidationOnset)
            let acceleration = over > 0 ? min(Self.oxidationCap, Double.exp(over / Self.oxidationScale)) : 1
            let k = Self.cathodeInterphaseGrowth
            state.positiveInterphaseSquared += k * k * arrhenius * acceleration * drive * dt / 3600
        }

        // Dendrites: Li filaments advance only while plating exceeds the CCD.
        if kind == .symmetricLithium || (hasLithiumMetal && ionic > 0) {
            let excess = density - criticalCurrentDensity
            if excess > 0, state.dendritePenetration < 1 {
                let advance = excess * dt * PhysicalConstants.lithiumThicknessPerArealCharge * Self.filamentFocusing
                state.dendritePenetration = min(1, state.dendritePenetration + advance / definition.electrolyteThickness)
                // Soft shorts flicker once filaments are most of the way through.
                if state.dendritePenetration > 0.6, state.time >= state.softShortUntil,
                   random.uniform() < dt / 120 * state.dendritePenetration {
                    state.softShortUntil = state.time + 5 + 25 * random.uniform()
                }
            }
        }
    }
}
