import ArgumentParser

/// `cyclerctl ocv`: a cell's open-circuit voltage table.
struct OCVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocv",
        abstract: "Learn a cell's OCV table from a measurement.",
        subcommands: [OCVLearnCommand.self]
    )
}
