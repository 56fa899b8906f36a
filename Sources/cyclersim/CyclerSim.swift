import ArgumentParser

/// `cyclersim`: runs the wire-level instrument simulators as standalone devices.
///
/// The first line each subcommand prints is the address to give a driver
/// (`cyclerctl instrument identify ADDRESS`); for a pty it is the path itself.
@main
struct CyclerSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cyclersim",
        abstract: "Run simulated instruments on a real wire (pty, loopback TCP, emulated USB).",
        subcommands: [MethodSCRIPTSimCommand.self, ModbusCommand.self, SCPISimulatorCommand.self, USBTMCSimulatorCommand.self]
    )
}
