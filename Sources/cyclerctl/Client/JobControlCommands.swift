import API
import ArgumentParser
import Foundation

/// Who asks for a pause, resume, stop or skip, and why: what every control command takes.
struct ControlOptions: ParsableArguments {
    @Option(help: "Why (kept in the job's log).")
    var reason: String?

    @OptionGroup var daemon: DaemonOptions

    func send(_ path: String) async throws {
        try await ClientCommand.perform {
            let answer = try await daemon.client().post(path, ControlBody(reason: reason), as: AcceptedView.self)
            print(answer.message)
        }
    }
}

struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Pause a channel's running job with its outputs safe (resume it with cyclerctl resume JOB).")
    @Argument(help: "The channel's name.") var channel: String
    @OptionGroup var options: ControlOptions
    func run() async throws { try await options.send("/v1/channels/\(channel)/pause") }
}

struct SkipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip", abstract: "End a channel's running step as if its termination had held; the job goes on.")
    @Argument(help: "The channel's name.") var channel: String
    @OptionGroup var options: ControlOptions
    func run() async throws { try await options.send("/v1/channels/\(channel)/skip") }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused job from its checkpoint (also to confirm a resume after a fault).")
    @Argument(help: "The job's id (cyclerctl status shows it).") var job: Int64
    @OptionGroup var options: ControlOptions
    func run() async throws { try await options.send("/v1/jobs/\(job)/resume") }
}

struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a job with its outputs safe; it does not run again.")
    @Argument(help: "The job's id.") var job: Int64
    @OptionGroup var options: ControlOptions
    func run() async throws { try await options.send("/v1/jobs/\(job)/stop") }
}
