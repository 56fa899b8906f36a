import CellSimulator

/// The instruments reached through one address: a potentiostat, a pressure
/// sensor (with its actuator, when the rig has one), a temperature
/// controller, or (for `sim:`) all of them on one simulated cell.
public struct ConnectedInstruments: Sendable {
    public var potentiostat: (any Potentiostat)?
    public var pressureSensor: (any PressureSensor)?
    public var pressureActuator: (any PressureActuator)?
    public var thermalController: (any ThermalController)?

    public init(potentiostat: (any Potentiostat)? = nil, pressureSensor: (any PressureSensor)? = nil,
                pressureActuator: (any PressureActuator)? = nil, thermalController: (any ThermalController)? = nil) {
        self.potentiostat = potentiostat
        self.pressureSensor = pressureSensor ?? pressureActuator
        self.pressureActuator = pressureActuator
        self.thermalController = thermalController
    }

    /// Each distinct connection once, for identify, safe state and close.
    public var all: [any Instrument] {
        [potentiostat, pressureActuator ?? pressureSensor, thermalController].compactMap { $0 }
    }
}

/// What a Modbus address needs beyond itself: the register map that
/// describes the device, and for a force cell the area the force acts on.
public struct RegisterMapChoice: Sendable, Hashable {
    /// A shipped map's name (`laumas`, `flintec`, `eurotherm`, `jumo`) or a map file's path.
    public var map: String?
    /// m²; converts a force cell's force to stack pressure.
    public var area: Double?

    public init(map: String? = nil, area: Double? = nil) {
        self.map = map
        self.area = area
    }
}

/// The one place that turns an address into connected drivers, so the
/// command-line tools and the daemon build instruments the same way: every
/// driver comes back connected (or throws an error naming the address).
public enum InstrumentConnector {
    /// Connects to what `address` names. The register map applies to Modbus addresses only.
    ///
    /// - Throws: an `InstrumentError` naming the address and what to do.
    public static func connect(_ address: InstrumentAddress, registerMap: RegisterMapChoice = RegisterMapChoice(),
                               seed: UInt64 = 0, speed: SimulationSpeed = .maximum) async throws -> ConnectedInstruments {
        if registerMap != RegisterMapChoice(), !address.usesRegisterMap {
            throw InstrumentConnectorError(address: address.text, message: "takes no register map or area: those apply to modbus+tcp: and modbus+rtu: addresses only")
        }
        switch address.endpoint {
        case .methodScript:
            return ConnectedInstruments(potentiostat: try await MethodSCRIPTPotentiostat.connect(address))
        case .simulated(let preset):
            guard let definition = CellPresets.named(preset) else {
                throw InstrumentConnectorError(address: address.text, message: "names no simulated cell; choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
            }
            let bench = SimulatedBench(definition: definition, seed: seed, speed: speed)
            return ConnectedInstruments(potentiostat: bench.potentiostat, pressureActuator: bench.pressureRig,
                                        thermalController: bench.chamber)
        case .modbusTCP, .modbusRTU:
            return try await modbus(address, registerMap: registerMap)
        case .usbtmc, .scpiTCP:
            let sourceMeter = try SCPISourceMeter(address: address)
            try await sourceMeter.connect()
            return ConnectedInstruments(potentiostat: sourceMeter)
        }
    }

    /// A Modbus device is whatever its register map says: a force or pressure
    /// cell (with its actuator when the map has a setpoint), or a temperature
    /// controller. It is read once, so a wrong address fails here, not mid-job.
    private static func modbus(_ address: InstrumentAddress, registerMap: RegisterMapChoice) async throws -> ConnectedInstruments {
        guard let mapPath = registerMap.map else {
            throw InstrumentConnectorError(
                address: address.text,
                message: "needs a register map: a shipped one (\(ModbusMapCatalog.files.keys.sorted().joined(separator: ", "))) or a map file")
        }
        let map = try ModbusMapCatalog.load(mapPath)
        switch map.measurand {
        case .force, .pressure:
            let cell = try ModbusPressureCell(address: address, map: map, area: registerMap.area)
            _ = try await cell.readMeasurement()
            return ConnectedInstruments(pressureSensor: cell, pressureActuator: cell.actuator)
        case .temperature:
            let controller = try ModbusTemperatureController(address: address, map: map)
            _ = try await controller.readState()
            return ConnectedInstruments(thermalController: controller)
        }
    }
}

extension InstrumentAddress {
    fileprivate var usesRegisterMap: Bool {
        switch endpoint {
        case .modbusTCP, .modbusRTU: true
        default: false
        }
    }
}

/// An address this build cannot serve, or options that do not fit it.
public struct InstrumentConnectorError: InstrumentError {
    public var address: String
    public var message: String
    public var instrument: String { "instrument" }
    public var isRecoverableByReconnect: Bool { false }
    public var description: String { "instrument address \"\(address)\" \(message)" }
}
