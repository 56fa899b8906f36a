import ArgumentParser
import CyclerConfiguration
import Foundation
import ProtocolEngine

/// `cyclerctl validate`: checks a protocol before it is run.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a protocol file against a cell and a channel; exits 0 when it is valid, 2 with every error otherwise.",
        discussion: """
        Errors name file:line:column and the field, and say what would be valid. Without --cell, the \
        protocol's own `requires:` block stands in for the cell (a C-rate needs `capacity: true`). \
        --channel-capabilities takes a profile (sim: the simulated bench; smu: a source-measure unit without \
        EIS; potentiostat: an EIS potentiostat in a passive pressure cell) or a channel YAML file.

        Examples:
          cyclerctl validate Protocols/gcpl.yaml --cell Config/cells/nmc811-lpscl-liin.yaml
          cyclerctl validate Protocols/arrhenius-eis.yaml --channel-capabilities smu
        """
    )

    @Argument(help: "The protocol file (YAML, JSON, or aurora-unicycler JSON).")
    var file: String

    @Option(help: "A cell file (Config/cells/*.yaml).")
    var cell: String?

    @Option(name: .customLong("channel-capabilities"), help: "sim, smu, potentiostat, or a channel YAML file.")
    var channelCapabilities = "sim"

    func run() throws {
        var errors: [ConfigurationError] = []
        do {
            let definition = try ProtocolLoader.load(contentsOf: file)
            let channel = try ChannelCapabilities.named(orFile: channelCapabilities)
            errors = if let cell {
                ProtocolValidator.validate(definition, cellFile: try CellDescription.load(contentsOf: cell), channel: channel)
            } else {
                ProtocolValidator.validate(definition, channel: channel)
            }
            if errors.isEmpty {
                let count = definition.steps.count
                print("\(file): valid (\(definition.name), \(count) top-level step\(count == 1 ? "" : "s"))")
                return
            }
        } catch let error as ProtocolErrors {
            errors = error.errors
        } catch let error as ConfigurationError {
            errors = [error]
        }
        for error in errors {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
        throw ExitCode(2)
    }
}
