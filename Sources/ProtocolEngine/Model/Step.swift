/// One entry of a protocol's step list, with the conditions that end it.
public struct Step: Sendable {
    public var kind: StepKind
    /// A label other steps can `goto`.
    public var label: String?
    /// A name for people (shown in events and progress).
    public var name: String?
    /// Terminations: the first that holds ends the step normally.
    public var until: [Exit]
    /// Failures: the first that holds fails the step (output off, job paused,
    /// alarm), unless it names a `goto`.
    public var failIf: [Exit]
    /// Overrides the protocol's `record` defaults for this step.
    public var record: RecordPolicy?
    /// Where the step starts in the file.
    public var location: FileLocation
    /// Where the step's main value (`cc: 1 mA`) is, for errors about it.
    public var valueLocation: FileLocation

    public init(kind: StepKind, label: String? = nil, name: String? = nil, until: [Exit] = [], failIf: [Exit] = [],
                record: RecordPolicy? = nil, location: FileLocation, valueLocation: FileLocation? = nil) {
        self.kind = kind
        self.label = label
        self.name = name
        self.until = until
        self.failIf = failIf
        self.record = record
        self.location = location
        self.valueLocation = valueLocation ?? location
    }

    /// A short description for events: the name, or what the step does.
    public var summary: String { name ?? kind.keyword }
}

/// What a step does.
public indirect enum StepKind: Sendable {
    /// Open circuit; the voltage is logged (`rest` and `ocv`).
    case rest
    case constantCurrent(CurrentControl)
    case constantVoltage(VoltageControl)
    /// Constant power (W, signed: positive charges), from PyBaMM's `W`.
    case constantPower(Double)
    /// A constant load resistance (Ω); charging drives current into the cell.
    case constantResistance(ohms: Double, charging: Bool)
    case cccv(ConstantCurrentConstantVoltage)
    case pulse(PulseTrain)
    case eis(EISSettings)
    case polarisation(Polarisation)
    case sweep(Sweep)
    case setTemperature(TemperatureSetting)
    case setPressure(PressureSetting)
    case waitPressure(PressureWindow)
    case expectPressure(PressureWindow)
    case loop(Loop)
    /// A position other steps can jump to; does nothing itself.
    case tag(String)
    case every(Interleave)
    case analyse(AnalysisKind)

    /// The YAML key of the step kind.
    public var keyword: String {
        switch self {
        case .rest: "rest"
        case .constantCurrent: "cc"
        case .constantVoltage: "cv"
        case .constantPower: "cp"
        case .constantResistance: "cr"
        case .cccv: "cccv"
        case .pulse: "pulse"
        case .eis: "eis"
        case .polarisation: "dc_polarisation"
        case .sweep: "sweep"
        case .setTemperature: "set_temperature"
        case .setPressure: "set_pressure"
        case .waitPressure: "wait_pressure"
        case .expectPressure: "expect_pressure"
        case .loop: "loop"
        case .tag: "tag"
        case .every: "every"
        case .analyse: "analyse"
        }
    }

    /// Whether the step drives current or voltage and so needs a termination.
    public var drivesTheCell: Bool {
        switch self {
        case .constantCurrent, .constantVoltage, .constantPower, .constantResistance, .cccv: true
        default: false
        }
    }
}
