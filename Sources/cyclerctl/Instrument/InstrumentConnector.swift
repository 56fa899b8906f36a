import CellSimulator
import Instruments

/// The instruments reached through one address: a potentiostat, a pressure
/// sensor, a temperature controller, or (for `sim:`) all three on one cell.
struct ConnectedInstruments: Sendable {
    var potentiostat: (any Potentiostat)?
    var pressureSensor: (any PressureSensor)?
    var thermalController: (any ThermalController)?

    /// Each distinct instrument once, for identify and safe state.
    var all: [any Instrument] {
        [potentiostat, pressureSensor, thermalController].compactMap { $0 }
    }
}

/// The one place that turns an address into connected drivers.
enum InstrumentConnector {
    /// Connects to what `address` names. The register map options apply to
    /// Modbus addresses only.
    static func connect(_ address: InstrumentAddress, options: RegisterMapOptions) async throws -> ConnectedInstruments {
        if options.map != nil || options.area != nil, !address.usesRegisterMap {
            throw InstrumentConnectorError(address: address.text, message: "--map and --area apply to modbus+tcp: and modbus+rtu: addresses only")
        }
        switch address.endpoint {
        case .methodScript:
            return ConnectedInstruments(potentiostat: try await MethodSCRIPTPotentiostat.connect(address))
        case .simulated(let preset):
            guard let definition = CellPresets.named(preset) else {
                throw InstrumentConnectorError(address: address.text, message: "names no simulated cell; choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
            }
            let bench = SimulatedBench(definition: definition)
            return ConnectedInstruments(potentiostat: bench.potentiostat, pressureSensor: bench.pressureRig,
                                        thermalController: bench.chamber)
        case .modbusTCP, .modbusRTU:
            return try modbus(address, options: options)
        case .usbtmc, .scpiTCP:
            let sourceMeter = try SCPISourceMeter(address: address)
            try await sourceMeter.connect()
            return ConnectedInstruments(potentiostat: sourceMeter)
        }
    }

    /// A Modbus device is whatever its register map says: a force or pressure
    /// cell, or a temperature controller.
    private static func modbus(_ address: InstrumentAddress, options: RegisterMapOptions) throws -> ConnectedInstruments {
        guard let mapPath = options.map else {
            throw InstrumentConnectorError(
                address: address.text,
                message: "needs --map: a shipped map (\(ModbusMapCatalog.files.keys.sorted().joined(separator: ", "))) or a map file")
        }
        let map = try ModbusMapCatalog.load(mapPath)
        switch map.measurand {
        case .force, .pressure:
            return ConnectedInstruments(pressureSensor: try ModbusPressureCell(address: address, map: map, area: options.areaValue()))
        case .temperature:
            return ConnectedInstruments(thermalController: try ModbusTemperatureController(address: address, map: map))
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

/// An address this build cannot serve, or an option that does not fit it.
struct InstrumentConnectorError: Error, CustomStringConvertible {
    var address: String
    var message: String
    var description: String { "instrument address \"\(address)\" \(message)" }
}
