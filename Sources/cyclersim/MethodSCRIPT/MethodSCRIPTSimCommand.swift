import ArgumentParser
import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments

/// `cyclersim methodscript`: a PalmSens MethodSCRIPT potentiostat on a pty.
struct MethodSCRIPTSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methodscript",
        abstract: "Run a simulated PalmSens MethodSCRIPT potentiostat on a pseudo-terminal.",
        discussion: """
        The first line printed is the device path; give it to a driver as \
        methodscript:PATH. The device answers t, i and Z, runs the MethodSCRIPT \
        subset cyclerd sends (OCP, CA, CP, LSV, EIS, GEIS) on a simulated cell, \
        and streams P packets in the exact wire encoding. Stop with Ctrl-C.

        Example:
          cyclersim methodscript --preset nmc811-lpscl-liin --device es4_hr
          cyclerctl instrument identify methodscript:/dev/pts/3
        """
    )

    @Option(help: "Cell preset (see `cyclerctl sim presets`).")
    var preset: String

    @Option(help: "Device type the simulator reports to `t`: \(MethodSCRIPTDeviceType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var device = "es4_hr"

    @Option(help: "Serial number the device reports to `i`.")
    var serial = "SIM0001"

    @Option(help: "Also make this symlink to the pty, as udev does under /dev/serial/by-id.")
    var link: String?

    @Option(help: "Simulated time per wall time: realtime, max, or a factor such as 60.")
    var speed = "realtime"

    @Option(help: "Instrument noise as a multiple of a typical potentiostat's; 0 is ideal.")
    var noise = 1.0

    @Option(help: "Seed for noise; the same seed repeats a run exactly.")
    var seed: UInt64 = 1

    func run() async throws {
        guard let definition = CellPresets.named(preset) else {
            throw ValidationError("--preset \(preset): no such preset; choose one of \(CellPresets.all.map(\.name).joined(separator: ", "))")
        }
        guard let type = MethodSCRIPTDeviceType(rawValue: device) else {
            throw ValidationError("--device \(device): choose one of \(MethodSCRIPTDeviceType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard noise >= 0 else { throw ValidationError("--noise \(noise): the noise scale cannot be negative") }
        let bench = SimulatedBench(definition: definition, seed: seed, noise: InstrumentNoise().scaled(by: noise),
                                   speed: try simulationSpeed())
        let simulator = try MethodSCRIPTSimulator(bench: bench, deviceType: type, serialNumber: serial, linkPath: link)
        // Ctrl-C or SIGTERM unplugs the device cleanly: pty closed, link removed. This is set up
        // before the path goes out, since whoever reads it may stop the device at once.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { Task { await simulator.stop() } }
            source.resume()
            return source
        }
        FileHandle.standardOutput.write(Data((simulator.devicePath + "\n").utf8))
        await simulator.run()
        signals.forEach { $0.cancel() }
    }

    private func simulationSpeed() throws -> SimulationSpeed {
        switch speed {
        case "realtime": return .realTime
        case "max": return .maximum
        default:
            guard let factor = Double(speed), factor > 0, factor.isFinite else {
                throw ValidationError("--speed \(speed): give realtime, max, or a positive factor such as 60")
            }
            return .factor(factor)
        }
    }
}
