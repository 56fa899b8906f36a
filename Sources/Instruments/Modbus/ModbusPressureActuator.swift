import Transport

/// A pressure rig whose controller takes a force or pressure setpoint over
/// Modbus; reads go through the transmitter part.
public struct ModbusPressureActuator: PressureActuator {
    public let cell: ModbusPressureCell
    let setpoint: ModbusField

    public func readPressure() async throws(ModbusInstrumentError) -> Double { try await cell.readPressure() }

    /// Writes the target stack pressure (Pa), as force through the area for force maps.
    public func setPressure(_ pascal: Double) async throws(ModbusInstrumentError) {
        try await cell.device.write(pascal * (cell.area ?? 1), to: setpoint)
    }

    /// The setpoint the controller holds now (Pa).
    public func readSetpoint() async throws(ModbusInstrumentError) -> Double {
        let registers = try await cell.device.read([setpoint.span])
        return setpoint.value(from: registers[0]) / (cell.area ?? 1)
    }

    public func identify() async throws -> InstrumentIdentity { try await cell.identify() }

    /// Holds the pressure the stack has now: the setpoint becomes the present
    /// reading, so a ramp under way stops where it is. Releasing the stack
    /// would break the cell's contacts, and raising it could crack the
    /// electrolyte, so holding is the safe state. Fails when the controller
    /// cannot be read or written, which the caller raises as an alarm.
    public func enterSafeState() async throws {
        let present = try await cell.readPressure()
        try await setPressure(present)
    }

    public func reconnect(within: Duration) async throws { try await cell.reconnect(within: within) }
    public func close() async { await cell.close() }
}
