import CyclerConfiguration
import Instruments
import ProtocolEngine

/// Builds a channel's instruments from the daemon's configuration, naming the
/// instrument, its address and what to do when one cannot be reached.
public enum ChannelConnector {
    static func connect(_ channel: DaemonConfiguration.Channel, in configuration: DaemonConfiguration,
                        cell: CellDescription) async throws -> ChannelInstruments {
        let speed: SimulationSpeed = configuration.simulationSpeed.map { $0 == 1 ? .realTime : .factor($0) } ?? .maximum
        func connect(_ name: String, area: Double? = nil) async throws -> ConnectedInstruments {
            guard let instrument = configuration.instrument(named: name) else {
                throw SchedulerError(channel: channel.name, message: "names no instrument \(name) (\(channel.location))")
            }
            do {
                let address = try InstrumentAddress(parsing: instrument.address)
                return try await InstrumentConnector.connect(address, registerMap: RegisterMapChoice(map: instrument.map, area: area),
                                                             seed: channel.name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }, speed: speed)
            } catch {
                throw SchedulerError(channel: channel.name, message: "instrument \(name) at \(instrument.address) (\(instrument.location)): \(error)")
            }
        }
        let main = try await connect(channel.potentiostat)
        guard var instruments = ChannelInstruments(main) else {
            throw SchedulerError(channel: channel.name, message: "instrument \(channel.potentiostat) is not a potentiostat (\(channel.location))")
        }
        if let pressure = channel.pressure {
            let rig = try await connect(pressure, area: cell.area)
            instruments.pressureSensor = rig.pressureSensor
            instruments.pressureActuator = rig.pressureActuator
        }
        if let thermal = channel.thermal {
            instruments.thermal = try await connect(thermal).thermalController
        }
        return instruments
    }

    /// What the channel's instruments can be expected to do, judged from their
    /// addresses alone (a MethodSCRIPT device says its model only when
    /// connected, so the broadest, a Nexus, stands in; the daemon checks
    /// again against the real one before it runs the job).
    public static func expectedCapabilities(_ channel: DaemonConfiguration.Channel, _ configuration: DaemonConfiguration) -> ChannelCapabilities {
        let address = configuration.instrument(named: channel.potentiostat).flatMap { try? InstrumentAddress(parsing: $0.address) }
        var capabilities: ChannelCapabilities = switch address?.endpoint {
        case .simulated: .simulatedBench
        case .usbtmc, .scpiTCP: .sourceMeasureUnit
        default: ChannelCapabilities(potentiostat: MethodSCRIPTDeviceType.nexus.capabilities, pressure: .none,
                                     thermalController: false, temperatureSensor: false)
        }
        if channel.pressure != nil, capabilities.pressure == .none { capabilities.pressure = .sensor }
        if channel.thermal != nil {
            capabilities.thermalController = true
            capabilities.temperatureSensor = true
        }
        return capabilities
    }
}
