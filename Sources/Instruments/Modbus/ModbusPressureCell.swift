import Transport

/// A force or pressure transmitter read over Modbus (Laumas TLU, Flintec DAD 141.1, …).
///
/// Force maps become stack pressure through the area the force acts on: the
/// cell's electrode area, or a rig's piston area fixed in the map. A reading
/// the device flags as faulty or out of range is an error, never a number, so
/// a saturated load cell cannot pass for a real stack pressure.
public struct ModbusPressureCell: PressureSensor {
    let device: ModbusDevice
    /// Area the force acts on (m²); nil for maps that report pressure.
    public let area: Double?

    /// - Parameters:
    ///   - area: overrides the map's `area:` (m²); force maps need one or the other.
    /// - Throws: `.notConfigured` for a temperature map, or a force map with no area.
    public init(connection: ModbusConnection, map: ModbusRegisterMap, address: String, area: Double? = nil)
        throws(ModbusInstrumentError) {
        device = ModbusDevice(connection: connection, map: map, address: address)
        switch map.measurand {
        case .pressure:
            self.area = nil
        case .force:
            guard let area = area ?? map.area, area > 0 else {
                throw ModbusInstrumentError(.notConfigured, instrument: map.deviceName, address: address,
                    detail: "the map \(map.file) reports force; give the area it acts on (the cell area, e.g. "
                        + "--area 1 cm2, or \"area:\" in the map) to convert it to stack pressure")
            }
            self.area = area
        case .temperature:
            throw ModbusInstrumentError(.notConfigured, instrument: map.deviceName, address: address,
                detail: "the map \(map.file) describes a temperature controller, not a force or pressure transmitter")
        }
    }

    /// Opens the cell at a `modbus+tcp:` or `modbus+rtu:` address.
    public init(address: InstrumentAddress, map: ModbusRegisterMap, area: Double? = nil) throws {
        try self.init(connection: ModbusConnection(address), map: map, address: address.text, area: area)
    }

    public var map: ModbusRegisterMap { device.map }

    /// The actuator, when the map has a setpoint register.
    public var actuator: ModbusPressureActuator? {
        device.map.setpoint.map { ModbusPressureActuator(cell: self, setpoint: $0) }
    }

    /// The measurement with its status, without judging it.
    public func readMeasurement() async throws(ModbusInstrumentError) -> PressureReading {
        let measurement = device.map.measurement
        let status = device.map.status
        let registers = try await device.read([measurement.span] + (status.map { [$0.span] } ?? []))
        let value = measurement.value(from: registers[0])
        guard value.isFinite else {
            throw ModbusInstrumentError(.invalidReading, instrument: device.map.deviceName, address: device.address,
                detail: "\(measurement.name) register \(measurement.register) holds \(value); expected a finite "
                    + "\(measurement.type.rawValue) (is word_order \(measurement.wordOrder.rawValue) right?)")
        }
        let force = area == nil ? nil : value
        return PressureReading(pressure: area.map { value / $0 } ?? value, force: force,
                               status: status.map { $0.status(from: registers[1]) })
    }

    /// Stack pressure (Pa); throws when the device flags the reading.
    public func readPressure() async throws(ModbusInstrumentError) -> Double {
        let reading = try await readMeasurement()
        if let status = reading.status {
            let flagged: (ModbusInstrumentError.Code, String)? =
                status.error ? (.deviceFault, "a fault (load cell or A/D converter); check the load cell cable") :
                status.overRange ? (.overRange, "over range; the load exceeds the cell's capacity or the cell is disconnected") :
                status.underRange ? (.underRange, "under range; check the zero and the load cell cable") : nil
            if let (code, text) = flagged {
                throw ModbusInstrumentError(code, instrument: device.map.deviceName, address: device.address,
                    detail: "status register \(device.map.status?.register ?? 0) = 0x\(String(status.word, radix: 16)) flags \(text)")
            }
        }
        return reading.pressure
    }

    public func identify() async throws -> InstrumentIdentity {
        _ = try await readMeasurement()
        return device.identity()
    }

    /// A transmitter has no output to make safe.
    public func enterSafeState() async throws {}

    /// Reads until the transmitter answers again (the connection reopens on each request).
    public func reconnect(within: Duration) async throws {
        _ = try await retryingUntilReconnected(within: within) { try await readMeasurement() }
    }

    public func close() async { await device.connection.disconnect() }
}

/// One pressure-cell reading: stack pressure, the force behind it, the status word.
public struct PressureReading: Sendable, Hashable {
    /// Pa.
    public var pressure: Double
    /// N, for force maps.
    public var force: Double?
    public var status: ModbusStatus?

    public init(pressure: Double, force: Double?, status: ModbusStatus?) {
        self.pressure = pressure
        self.force = force
        self.status = status
    }
}
