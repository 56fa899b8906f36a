import ArgumentParser
import InstrumentSimulators

/// `cyclersim scpi --tcp 127.0.0.1:5025`: a Keithley-style SMU on a loopback socket.
///
/// Prints `scpi+tcp://127.0.0.1:PORT` and serves until interrupted. Example:
///
///     cyclersim scpi --tcp 127.0.0.1:5025 --preset li-lpscl-li --model 2400
struct SCPISimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scpi",
        abstract: "Serve a simulated SCPI source-measure unit over loopback TCP (raw socket, like port 5025)."
    )

    @Option(help: "Loopback address and port to listen on; port 0 picks a free one.")
    var tcp: String = "127.0.0.1:5025"

    @OptionGroup var options: SCPISimulatorOptions

    func run() async throws {
        let parts = tcp.split(separator: ":")
        guard parts.count == 2, parts[0] == "127.0.0.1" || parts[0] == "localhost",
              let port = Int(parts[1]), (0...65_535).contains(port) else {
            throw ValidationError("--tcp \(tcp): expected 127.0.0.1:PORT (the simulator serves loopback only)")
        }
        let server = try SCPITCPServer(meter: try options.makeMeter(), port: port)
        printLineNow(server.address)
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(3600))
        }
        server.stop()
    }
}
