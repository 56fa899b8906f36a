/// What cyclerd needs to know to read a Modbus transmitter or controller it
/// has no code for: which register holds the measurement, how it is encoded,
/// what the status bits mean, and where a setpoint goes.
///
/// Maps are YAML files (`Config/instruments/*.yaml`, read by
/// `ModbusRegisterMap.load(contentsOf:)`), so a new device needs a file, not a
/// driver.
public struct ModbusRegisterMap: Sendable, Hashable {
    /// What the measurement register reports.
    public enum Measurand: String, Sendable, Hashable, CaseIterable {
        case force, pressure, temperature
    }

    public var vendor: String
    public var model: String
    public var measurand: Measurand
    /// The measurement (force, pressure or process value).
    public var measurement: ModbusField
    /// Where a setpoint is written (actuator target or controller setpoint).
    public var setpoint: ModbusField?
    public var status: ModbusStatusField?
    /// Area the force acts on (m²), when the map fixes it (a rig's piston).
    public var area: Double?
    /// Setpoint a controller returns to in its safe state (SI).
    public var safeSetpoint: Double?
    /// The file it came from, for error messages.
    public var file: String

    public init(vendor: String, model: String, measurand: Measurand, measurement: ModbusField, setpoint: ModbusField? = nil,
                status: ModbusStatusField? = nil, area: Double? = nil, safeSetpoint: Double? = nil, file: String) {
        self.vendor = vendor
        self.model = model
        self.measurand = measurand
        self.measurement = measurement
        self.setpoint = setpoint
        self.status = status
        self.area = area
        self.safeSetpoint = safeSetpoint
        self.file = file
    }

    /// "Laumas TLU", for messages and identities.
    public var deviceName: String { "\(vendor) \(model)" }
}
