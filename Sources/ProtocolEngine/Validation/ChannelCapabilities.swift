import Instruments

/// What a channel's instruments can do, as the validator needs to know it
/// before a job is accepted.
public struct ChannelCapabilities: Sendable, Hashable {
    public enum Pressure: String, Sendable, Hashable, CaseIterable {
        /// No load cell.
        case none
        /// A load cell reads the passive stack pressure.
        case sensor
        /// A rig that also sets pressure.
        case actuator
    }

    public var potentiostat: PotentiostatCapabilities
    public var pressure: Pressure
    /// A temperature controller (chamber, hot plate) on the channel.
    public var thermalController: Bool
    /// Whether samples carry a cell temperature (a thermocouple or the controller).
    public var temperatureSensor: Bool

    public init(potentiostat: PotentiostatCapabilities, pressure: Pressure, thermalController: Bool, temperatureSensor: Bool) {
        self.potentiostat = potentiostat
        self.pressure = pressure
        self.thermalController = thermalController
        self.temperatureSensor = temperatureSensor || thermalController
    }

    /// Everything `SimulatedBench` offers: an EIS potentiostat, a pressure rig
    /// with an actuator and a chamber.
    public static let simulatedBench = ChannelCapabilities(
        potentiostat: PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: true,
                                               galvanostaticEIS: true, maximumCurrent: 0.1, voltageRange: -10...10,
                                               frequencyRange: 1e-3...1e7, minimumSampleInterval: 1e-3),
        pressure: .actuator, thermalController: true, temperatureSensor: true)

    /// A source-measure unit alone (Keithley 2450 class): no EIS, no rig, no chamber.
    public static let sourceMeasureUnit = ChannelCapabilities(
        potentiostat: PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: false,
                                               galvanostaticEIS: false, maximumCurrent: 1.05, voltageRange: -21...21,
                                               frequencyRange: nil, minimumSampleInterval: 1e-3),
        pressure: .none, thermalController: false, temperatureSensor: false)

    /// An EIS potentiostat (EmStat4 class) in a passive pressure cell: a load
    /// cell but no actuator, no chamber.
    public static let potentiostatInPressureCell = ChannelCapabilities(
        potentiostat: PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: true,
                                               galvanostaticEIS: true, maximumCurrent: 0.03, voltageRange: -3...3,
                                               frequencyRange: 1e-5...2e5, minimumSampleInterval: 1e-3),
        pressure: .sensor, thermalController: false, temperatureSensor: false)

    /// The named profiles `cyclerctl validate --channel-capabilities` accepts.
    public static let named: [String: ChannelCapabilities] = [
        "sim": .simulatedBench, "smu": .sourceMeasureUnit, "potentiostat": .potentiostatInPressureCell,
    ]
}
