import Transport

/// A temperature controller (Eurotherm 3200, JUMO diraTRON, …) over Modbus:
/// process value, setpoint, and whether the process has settled.
public struct ModbusTemperatureController: ThermalController {
    let device: ModbusDevice
    let setpoint: ModbusField

    /// Room temperature, for maps that name no `safe_setpoint`.
    public static let defaultSafeSetpoint = 298.15

    /// - Throws: `.notConfigured` unless the map is a temperature map with a setpoint register.
    public init(connection: ModbusConnection, map: ModbusRegisterMap, address: String) throws(ModbusInstrumentError) {
        guard map.measurand == .temperature, let setpoint = map.setpoint else {
            throw ModbusInstrumentError(.notConfigured, instrument: map.deviceName, address: address,
                detail: "the map \(map.file) needs \"temperature:\" and \"setpoint:\" registers to drive a temperature controller")
        }
        device = ModbusDevice(connection: connection, map: map, address: address)
        self.setpoint = setpoint
    }

    /// Opens the controller at a `modbus+tcp:` or `modbus+rtu:` address.
    public init(address: InstrumentAddress, map: ModbusRegisterMap) throws {
        try self.init(connection: ModbusConnection(address), map: map, address: address.text)
    }

    /// Process value and setpoint (K), read together.
    public func readState() async throws(ModbusInstrumentError) -> (processValue: Double, setpoint: Double, status: ModbusStatus?) {
        let pv = device.map.measurement
        let status = device.map.status
        let registers = try await device.read([pv.span, setpoint.span] + (status.map { [$0.span] } ?? []))
        let values = (pv.value(from: registers[0]), setpoint.value(from: registers[1]))
        for (field, value) in [(pv, values.0), (setpoint, values.1)] where !value.isFinite {
            throw ModbusInstrumentError(.invalidReading, instrument: device.map.deviceName, address: device.address,
                detail: "\(field.name) register \(field.register) holds \(value); expected a finite \(field.type.rawValue)")
        }
        let decoded = status.map { $0.status(from: registers[2]) }
        if let decoded, decoded.error || decoded.overRange || decoded.underRange {
            throw ModbusInstrumentError(decoded.error ? .deviceFault : decoded.overRange ? .overRange : .underRange,
                instrument: device.map.deviceName, address: device.address,
                detail: "status 0x\(String(decoded.word, radix: 16)) flags a sensor fault; check the thermocouple or RTD")
        }
        return (values.0, values.1, decoded)
    }

    public func readTemperature() async throws(ModbusInstrumentError) -> Double {
        try await readState().processValue
    }

    public func setSetpoint(_ kelvin: Double) async throws(ModbusInstrumentError) {
        try await device.write(kelvin, to: setpoint)
    }

    /// Within `band` K of the setpoint now, and settled by the device's own
    /// judgement when the map names a stable bit.
    public func isStable(within band: Double) async throws(ModbusInstrumentError) -> Bool {
        let state = try await readState()
        return abs(state.processValue - state.setpoint) <= band && state.status?.stable != false
    }

    public func identify() async throws -> InstrumentIdentity {
        _ = try await readState()
        return device.identity()
    }

    /// Returns the heater to the map's safe setpoint (room temperature by default).
    public func enterSafeState() async throws {
        try await setSetpoint(device.map.safeSetpoint ?? Self.defaultSafeSetpoint)
    }

    /// Reads until the controller answers again (the connection reopens on each request).
    public func reconnect(within: Duration) async throws {
        _ = try await retryingUntilReconnected(within: within) { try await readState() }
    }

    public func close() async { await device.connection.disconnect() }
}
