import Instruments

/// The instruments one channel's job drives.
public struct ChannelInstruments: Sendable {
    public var potentiostat: any Potentiostat
    /// A load cell; when `actuator` is set, it is the same rig.
    public var pressureSensor: (any PressureSensor)?
    public var pressureActuator: (any PressureActuator)?
    public var thermal: (any ThermalController)?
    /// How often the separate pressure and temperature sensors are read while a job runs.
    public var pressureCadence: Duration
    public var temperatureCadence: Duration

    public init(potentiostat: any Potentiostat, pressureSensor: (any PressureSensor)? = nil,
                pressureActuator: (any PressureActuator)? = nil, thermal: (any ThermalController)? = nil,
                pressureCadence: Duration = .seconds(1), temperatureCadence: Duration = .seconds(1)) {
        self.potentiostat = potentiostat
        self.pressureSensor = pressureSensor ?? pressureActuator
        self.pressureActuator = pressureActuator
        self.thermal = thermal
        self.pressureCadence = pressureCadence
        self.temperatureCadence = temperatureCadence
    }

    /// The instruments one connector call brought, when it brought a potentiostat.
    public init?(_ connected: ConnectedInstruments) {
        guard let potentiostat = connected.potentiostat else { return nil }
        self.init(potentiostat: potentiostat, pressureSensor: connected.pressureSensor,
                  pressureActuator: connected.pressureActuator, thermal: connected.thermalController)
    }

    /// Closes every distinct connection (outputs stay as they are: make them safe first).
    public func close() async {
        for instrument in [potentiostat, pressureActuator ?? pressureSensor, thermal].compactMap({ $0 as (any Instrument)? }) {
            await instrument.close()
        }
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
