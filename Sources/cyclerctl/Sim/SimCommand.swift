import ArgumentParser

/// `cyclerctl sim`: run the simulated cell without hardware or the daemon.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the simulated solid-state cell: list presets, measure EIS, cycle.",
        subcommands: [SimPresetsCommand.self, SimEISCommand.self, SimCycleCommand.self]
    )
}
