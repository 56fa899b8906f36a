import API
import ArgumentParser
import Foundation

/// `cyclerctl submit CHANNEL PROTOCOL [--cell CELL]`: queue a job on a running daemon.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue a protocol on a channel of a running cyclerd (validated there against the cell and the instruments).",
        discussion: """
        The protocol's text (and the cell's, with --cell) is sent, so the files need only exist here. \\
        Without --cell the channel's configured cell is used. --check validates without queueing.

        Examples:
          cyclerctl submit nmc811-gcpl Protocols/gcpl.yaml
          cyclerctl submit li-ccd Protocols/ccd-ramp.yaml --cell Config/cells/li-lpscl-li-sim.yaml --check
        """
    )

    @Argument(help: "The channel's name.")
    var channel: String

    @Argument(help: "The protocol file.")
    var protocolFile: String

    @Option(help: "A cell description file (default: the channel's configured cell).")
    var cell: String?

    @Flag(help: "Validate only; queue nothing.")
    var check = false

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let request = JobRequest(protocol: try Self.read(protocolFile, "protocol"), protocolFile: protocolFile,
                                 cell: try cell.map { try Self.read($0, "cell") }, cellFile: cell)
        let path = "/v1/channels/\(channel.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? channel)"
        try await ClientCommand.perform {
            let client = try daemon.client()
            if check {
                let validation = try await client.post(path + "/validate", request, as: ValidationView.self)
                print(validation.valid ? "\(protocolFile): valid on channel \(channel)" : validation.problems.joined(separator: "\n"))
                if !validation.valid { throw ExitCode(1) }
                return
            }
            let job = try await client.post(path + "/jobs", request, as: JobView.self)
            print("job \(job.id) (\(job.name)) queued on channel \(job.channel); follow it with: cyclerctl follow \(job.channel)")
        }
    }

    static func read(_ path: String, _ what: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read the \(what) file \(path): \(error.localizedDescription)")
        }
    }
}
