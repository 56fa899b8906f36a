import ArgumentParser
import CyclerConfiguration
import Foundation
import Instruments
import ProtocolEngine
import Scheduler

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
                                                            channel: ChannelConnector.expectedCapabilities(channel, configuration))
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
}
