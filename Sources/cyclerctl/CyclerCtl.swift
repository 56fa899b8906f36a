import ArgumentParser

/// `cyclerctl`: the client and the offline tools.
@main
struct CyclerCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cyclerctl",
        abstract: "Control cyclerd and run its offline tools.",
        subcommands: [
            SimCommand.self, RunCommand.self, ValidateCommand.self, EISCommand.self, AnalyzeCommand.self,
            SOCCommand.self, OCVCommand.self, PlotCommand.self, InstrumentCommand.self, ExportCommand.self,
            StatusCommand.self, SubmitCommand.self, FollowCommand.self, PauseCommand.self, ResumeCommand.self, StopCommand.self,
            SkipCommand.self, TokenCommand.self,
        ]
    )
}
