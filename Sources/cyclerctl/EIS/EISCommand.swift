import ArgumentParser

/// `cyclerctl eis`: offline impedance analysis of spectrum files.
struct EISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eis",
        abstract: "Fit equivalent circuits to impedance spectra and check them with lin-KK.",
        subcommands: [EISFitCommand.self, EISKramersKronigCommand.self]
    )
}
