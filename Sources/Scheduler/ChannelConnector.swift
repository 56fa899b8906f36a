import Configuration
import Instruments
import ProtocolEngine

/// Builds a channel's instruments from the daemon's configuration, naming the
/// instrument, its address and what to do when one cannot be reached.
enum ChannelConnector {
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
}
