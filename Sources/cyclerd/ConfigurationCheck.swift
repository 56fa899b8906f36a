import ArgumentParser
import Configuration
import Foundation
import Instruments
import ProtocolEngine

/// `cyclerd --check-config FILE`: every mistake that can be found without
/// touching an instrument: the file itself, each address, each cell file and
/// each boot protocol (validated against its cell).
enum ConfigurationCheck {
    static func run(_ path: String) throws {
        var problems: [String] = []
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(contentsOf: path)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        for instrument in configuration.instruments {
            do {
                _ = try InstrumentAddress(parsing: instrument.address)
            } catch {
                problems.append("\(instrument.location): instrument \(instrument.name): \(error)")
            }
        }
        for channel in configuration.channels {
            do {
                let cell = try CellDescription.load(contentsOf: channel.cell)
                for protocolFile in channel.bootProtocols {
                    let definition = try ProtocolLoader.load(contentsOf: protocolFile)
                    let errors = ProtocolValidator.validate(definition, cell: CellContext(cell),
                                                            channel: expectedCapabilities(channel, configuration))
                    problems += errors.map { "\(channel.location): channel \(channel.name): \($0)" }
                }
            } catch let error as ConfigurationError {
                problems.append("\(channel.location): channel \(channel.name): \(error)")
            } catch let error as ProtocolErrors {
                problems += error.errors.map { "\(channel.location): channel \(channel.name): \($0)" }
            }
        }
        guard problems.isEmpty else {
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            throw ExitCode(2)
        }
        print("\(path): \(configuration.instruments.count) instruments, \(configuration.channels.count) channels, no problems found")
    }

    /// What the channel's instruments can be expected to do, judged from their
    /// addresses alone (a MethodSCRIPT device says its model only when
    /// connected, so the broadest, a Nexus, stands in; the daemon checks
    /// again against the real one before it runs the job).
    static func expectedCapabilities(_ channel: DaemonConfiguration.Channel, _ configuration: DaemonConfiguration) -> ChannelCapabilities {
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
