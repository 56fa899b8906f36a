import Electrochemistry
import Numerics

/// A physics-grade simulated solid-state cell.
///
/// One set of parameters drives both domains: `step` integrates the
/// time-domain model (the OCV at the surface of diffusing cathode particles,
/// a relaxation ladder per arc, leakage and shorts in parallel), and
/// `electrical.impedance(frequency:)` gives the analytic impedance of the same
/// parameters at the same instant. The first charges form the cathode
/// interface at the cost of irreversible charge. The cell also ages:
/// interphases grow with √t, the stack breathes and creeps, pressure feeds
/// back into contact resistance, and Li filaments grow above the CCD.
///
/// It is a value type with no clock of its own: whoever steps it decides how
/// fast simulated time runs.
public struct SimulatedCell: Sendable {
    public let definition: CellDefinition
    /// Facts derived from `definition` that the hot path reads every step;
    /// computed once, as deriving them copies electrodes and evaluates an OCV.
    let kind: CellKind
    let referenceOffset: Double
    let hasLithiumMetal: Bool
    public internal(set) var state: CellState
    /// Terminal voltage at the end of the last step (V).
    public private(set) var voltage: Double
    /// Terminal current at the end of the last step (A), positive = charge.
    public private(set) var current: Double = 0
    /// Current through the electrolyte ionically (A).
    public private(set) var ionicCurrent: Double = 0
    /// The current that (de)lithiates the cathode particles (A): the ionic
    /// current less the interphase formation's.
    public private(set) var faradaicCurrent: Double = 0
    /// State of charge at the cathode particles' surface, where the OCV is
    /// taken: it leads the mean while current flows.
    public private(set) var surfaceStateOfCharge: Double
    /// Seeded source for stochastic events (soft shorts).
    var random: SeededRandom
    /// Temperature-only factors at `state.temperature`: whatever moves the
    /// temperature calls `refreshThermalFactors()` at once, so the hot path
    /// reads them without a check (whose fallback, building new factors,
    /// made the compiler copy the materials on every step).
    var thermal: ThermalFactors
    /// Relaxation fractions, cached for the last step length.
    var relaxation = RelaxationFactors(step: -1, thermal: 0, creep: 0)

    /// The cell's relaxation blocks and, at the same index, the kind each one
    /// is. Two plain arrays on the hot path: a block is mutated in place
    /// through `blocks[k]`, never copied out of a tuple (which would copy its
    /// stepper's arrays every step).
    private var blocks: [RelaxationBlock] = []
    private var blockKinds: [Block] = []
    private var bulk: CircuitStepper
    /// The cathode particles' surface lead over their mean SOC, driven by the
    /// faradaic current; nil for cells without insertion particles.
    private var particle: RelaxationBlock?

    enum Block: CaseIterable, Sendable {
        case grainBoundary, negative, positive, concentration
    }

    /// Shortest time constant kept in ladders: fine enough for EIS at 10 MHz.
    static let fastestTime = 1e-9

    public init(definition: CellDefinition, seed: UInt64 = 0) {
        self.definition = definition
        self.kind = definition.kind
        self.referenceOffset = definition.referenceOffset
        self.hasLithiumMetal = definition.hasLithiumMetal
        self.state = CellState(stateOfCharge: definition.initialStateOfCharge, temperature: definition.temperature,
                               ambientTemperature: definition.temperature, appliedPressure: definition.stackPressure)
        self.random = SeededRandom(seed: seed)
        self.thermal = ThermalFactors(material: definition.electrolyte, cathode: definition.positive, temperature: definition.temperature)
        self.bulk = CircuitStepper(network: FosterNetwork())
        self.voltage = 0
        self.surfaceStateOfCharge = definition.initialStateOfCharge
        let p = electrical
        self.voltage = p.openCircuitVoltage
        self.bulk = CircuitStepper(network: Self.bulkNetwork(p))
        for block in Block.allCases {
            guard let (r, t) = Self.scales(block, p) else { continue }
            blocks.append(RelaxationBlock(unitShape: Self.unitShape(block, p), resistance: r, timeScale: t))
            blockKinds.append(block)
        }
        if let (r, t) = particleScales(p) {
            particle = RelaxationBlock(unitShape: SphericalDiffusion.unitLead(fastestTime: Self.fastestTime / t),
                                       resistance: r, timeScale: t)
        }
    }

    /// The particle ladder's scales: τ = R²/D at the present temperature, and
    /// τ/Q, which turns a current into the rate of SOC times τ.
    private func particleScales(_ p: ElectricalParameters) -> (Double, Double)? {
        kind == .full && p.diffusionTime > 0 ? (p.diffusionTime / definition.capacity, p.diffusionTime) : nil
    }

    private static func bulkNetwork(_ p: ElectricalParameters) -> FosterNetwork {
        FosterNetwork.parallelRC(resistance: p.bulkResistance, capacitance: p.bulkCapacitance)
    }

    /// Resistance and time scales of a block, or nil when the cell has none.
    private static func scales(_ block: Block, _ p: ElectricalParameters) -> (Double, Double)? {
        let pair: (Double, Double) = switch block {
        case .grainBoundary: (p.grainBoundaryResistance, p.grainBoundaryTime)
        case .negative: (p.negativeResistance, p.negativeTime)
        case .positive: (p.positiveResistance, p.positiveTime)
        case .concentration: (p.concentrationZ0, p.concentrationTime)
        }
        return pair.0 > 0 && pair.1 > 0 ? pair : nil
    }

    private static func unitShape(_ block: Block, _ p: ElectricalParameters) -> FosterNetwork {
        switch block {
        case .grainBoundary: return .zarc(resistance: 1, timeConstant: 1, n: p.grainBoundaryExponent)
        case .negative:
            // Fine enough for 1 MHz even when τ₀ is a blocking CPE's years.
            return .zarc(resistance: 1, timeConstant: 1, n: p.negativeExponent,
                         fastestTime: min(1e-8, fastestTime / p.negativeTime))
        case .positive: return .zarc(resistance: 1, timeConstant: 1, n: p.positiveExponent)
        case .concentration:
            return .warburgShort(z0: 1, tau: 1, fastestTime: fastestTime / p.concentrationTime)
        }
    }

    /// Brings every block's scales up to the present parameters.
    private mutating func refresh(_ p: ElectricalParameters) {
        // The bulk's one branch is compared without building a network (an
        // array allocation every step); it is rebuilt only when it moved.
        let bulkBranch = FosterNetwork.Branch(resistance: p.bulkResistance, timeConstant: p.bulkResistance * p.bulkCapacitance)
        if bulk.network.branches.first != bulkBranch { bulk.update(network: Self.bulkNetwork(p)) }
        for k in blocks.indices {
            guard let (r, t) = Self.scales(blockKinds[k], p) else { continue }
            blocks[k].rescale(resistance: r, timeScale: t)
        }
        if let (r, t) = particleScales(p) { particle?.rescale(resistance: r, timeScale: t) }
    }

    /// Terminal voltage at the end of a step is `offset + slope·I_ionic`.
    ///
    /// Under voltage drive a series capacitor in the bulk would see every
    /// other block as series resistance; `bulkDrive` carries it. Each block's
    /// slow branches (a blocking CPE's ladder) charge through the bulk
    /// resistance; `blockDrive` carries that.
    /// The OCV at the particle surface is linearised about `predicted`, the
    /// ionic current expected at the step's end.
    private mutating func ionicResponse(
        _ p: ElectricalParameters, dt: Double, voltageHold: Bool, predicted: Double, formation: Double
    ) -> (offset: Double, slope: Double, bulkDrive: CircuitStepper.Drive, blockDrive: CircuitStepper.Drive) {
        var offset = 0.0, slope = 0.0
        let blockDrive: CircuitStepper.Drive = voltageHold
            ? .voltageHold(externalResistance: p.bulkResistance) : .linearCurrent
        for k in blocks.indices {
            let (o, s) = blocks[k].affineResponse(dt: dt, drive: blockDrive)
            offset += o
            slope += s
        }
        let bulkDrive: CircuitStepper.Drive = voltageHold ? .voltageHold(externalResistance: slope) : .linearCurrent
        let (o, s) = bulk.affineResponse(dt: dt, drive: bulkDrive)
        guard kind == .full else { return (offset + o, slope + s, bulkDrive, blockDrive) }
        // Surface SOC at the step's end: the mean moves with the faradaic
        // charge (trapezoidal), the surface lead with the particle ladder.
        let lead = particle?.affineResponse(dt: dt) ?? (offset: 0, slope: 0)
        let q = definition.capacity
        let perAmp = dt / (2 * q) + lead.slope
        let surface = state.stateOfCharge + faradaicCurrent * dt / (2 * q) + lead.offset
            + perAmp * (predicted - formation)
        let ocv = definition.positive.potential.evaluate(surface)
        let k = ocv.slope * perAmp
        return (offset + o + ocv.value - referenceOffset - k * predicted, slope + s + k, bulkDrive, blockDrive)
    }

    private mutating func commit(
        ionic: Double, terminal: Double, voltage v: Double, dt: Double,
        bulkDrive: CircuitStepper.Drive, blockDrive: CircuitStepper.Drive, formation: Double
    ) {
        bulk.step(current: ionic, dt: dt, drive: bulkDrive)
        for k in blocks.indices { blocks[k].step(current: ionic, dt: dt, drive: blockDrive) }
        let faradaic = kind == .full ? ionic - formation : 0
        let lead = particle?.step(current: faradaic, dt: dt) ?? 0
        let meanIonic = (ionicCurrent + ionic) / 2
        ionicCurrent = ionic
        faradaicCurrent = faradaic
        current = terminal
        voltage = v
        advanceSlowState(dt: dt, ionic: meanIonic, formation: formation, terminalVoltage: v)
        surfaceStateOfCharge = state.stateOfCharge + lead
    }

    /// Drives the cell with a current ramping linearly to `terminalCurrent`
    /// over `dt` seconds (positive = charge).
    ///
    /// - Returns: the terminal voltage at the end of the step.
    @discardableResult
    public mutating func step(current terminalCurrent: Double, dt: Double) -> Double {
        take(plannedStep(current: terminalCurrent, dt: dt))
        return voltage
    }

    /// A current step worked out on the present state and not yet taken:
    /// a galvanostat near its compliance looks at the voltage a step would
    /// reach before deciding to take it, without copying the cell.
    public struct CurrentStep {
        /// Terminal voltage at the end of the step (V).
        public let voltage: Double
        let ionic: Double, terminal: Double, dt: Double, formation: Double
        let bulkDrive: CircuitStepper.Drive, blockDrive: CircuitStepper.Drive
    }

    /// Works out `step(current:dt:)` without taking it. Only what the state
    /// determines is brought up to date (scales, step coefficients), so the
    /// cell behaves as before whether the step is then taken or not.
    public mutating func plannedStep(current terminalCurrent: Double, dt: Double) -> CurrentStep {
        let p = electrical
        refresh(p)
        let formation = formationCurrent(p)
        let (offset, slope, bulkDrive, blockDrive) = ionicResponse(p, dt: dt, voltageHold: false, predicted: terminalCurrent,
                                                       formation: formation)
        let g = p.parallelConductance
        let inductive = p.inductance * (terminalCurrent - current) / dt
        let vParallel = (offset + slope * terminalCurrent) / (1 + slope * g)
        return CurrentStep(voltage: vParallel + inductive, ionic: terminalCurrent - g * vParallel,
                           terminal: terminalCurrent, dt: dt, formation: formation, bulkDrive: bulkDrive, blockDrive: blockDrive)
    }

    /// Takes a step from `plannedStep(current:dt:)`; nothing else may change
    /// the cell in between.
    public mutating func take(_ step: CurrentStep) {
        commit(ionic: step.ionic, terminal: step.terminal, voltage: step.voltage, dt: step.dt,
               bulkDrive: step.bulkDrive, blockDrive: step.blockDrive, formation: step.formation)
    }

    /// How a driving voltage moves between steps.
    public enum VoltageWaveform: Sendable {
        /// A potentiostat's setpoint: held, or stepped to a new level.
        case hold
        /// Samples of a smooth signal, such as an EIS sine.
        case smooth
    }

    /// Holds the terminal voltage at `terminalVoltage` at the end of a step of
    /// `dt` seconds.
    ///
    /// - Returns: the terminal current at the end of the step (positive = charge).
    @discardableResult
    public mutating func step(voltage terminalVoltage: Double, dt: Double, waveform: VoltageWaveform = .hold) -> Double {
        let p = electrical
        refresh(p)
        let formation = formationCurrent(p)
        let (offset, slope, bulkDrive, blockDrive) = ionicResponse(p, dt: dt, voltageHold: waveform == .hold, predicted: ionicCurrent,
                                                       formation: formation)
        let g = p.parallelConductance
        let l = p.inductance / dt
        let admittance = 1 / slope + g
        let terminal = ((terminalVoltage + l * current) * admittance - offset / slope) / (1 + l * admittance)
        let vParallel = terminalVoltage - l * (terminal - current)
        let ionic = (vParallel - offset) / slope
        commit(ionic: ionic, terminal: terminal, voltage: terminalVoltage, dt: dt, bulkDrive: bulkDrive,
               blockDrive: blockDrive, formation: formation)
        return terminal
    }

    /// Sets the chamber temperature the cell relaxes towards (K).
    public mutating func setAmbientTemperature(_ kelvin: Double) {
        state.ambientTemperature = kelvin
    }

    /// Puts the cell at `kelvin` at once, as after a long equilibration.
    public mutating func equilibrate(temperature kelvin: Double) {
        state.ambientTemperature = kelvin
        state.temperature = kelvin
        refreshThermalFactors()
    }

    /// Sets the pressure the rig applies (Pa).
    public mutating func setAppliedPressure(_ pascal: Double) {
        state.appliedPressure = pascal
    }

    /// Stack pressure a load cell would read now (Pa).
    public var pressure: Double { stackPressure }
}
