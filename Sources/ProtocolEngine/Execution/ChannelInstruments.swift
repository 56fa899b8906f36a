import Instruments

/// The instruments one channel's job drives.
public struct ChannelInstruments: Sendable {
    public var potentiostat: any Potentiostat
    /// A load cell; when `actuator` is set, it is the same rig.
    public var pressureSensor: (any PressureSensor)?
    public var pressureActuator: (any PressureActuator)?
    public var thermal: (any ThermalController)?

    public init(potentiostat: any Potentiostat, pressureSensor: (any PressureSensor)? = nil,
                pressureActuator: (any PressureActuator)? = nil, thermal: (any ThermalController)? = nil) {
        self.potentiostat = potentiostat
        self.pressureSensor = pressureSensor ?? pressureActuator
        self.pressureActuator = pressureActuator
        self.thermal = thermal
    }

    /// Every instrument of a simulated bench.
    public init(bench: SimulatedBench) {
        self.init(potentiostat: bench.potentiostat, pressureActuator: bench.pressureRig, thermal: bench.chamber)
    }

    /// What these instruments can do, for the validator.
    public var capabilities: ChannelCapabilities {
        ChannelCapabilities(potentiostat: potentiostat.capabilities,
                            pressure: pressureActuator != nil ? .actuator : (pressureSensor != nil ? .sensor : .none),
                            thermalController: thermal != nil, temperatureSensor: thermal != nil)
    }
}
