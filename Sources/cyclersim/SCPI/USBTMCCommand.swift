import ArgumentParser
import Foundation
import InstrumentSimulators

/// `cyclersim usbtmc`: a Keithley-style SMU on umockdev's emulated USB bus.
///
/// Prints `usbtmc://05e6:2450`, then `UMOCKDEV_DIR=…`: a libusb program
/// started with that variable under `umockdev-wrapper` sees the instrument.
/// Run it under `umockdev-wrapper` itself so that unplugging sends hotplug
/// events. Lines on standard input control it (`unplug`, `plug`,
/// `fault silent`, `output?`; see `EmulatedUSBTMCInstrument.handleControlLine`),
/// each answered with one line. Given a command after `--`, it runs that
/// command as the client instead and exits with its status:
///
///     umockdev-wrapper cyclersim usbtmc -- umockdev-wrapper cyclerctl instrument identify usbtmc://05e6:2450
struct USBTMCSimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usbtmc",
        abstract: "Serve a simulated SCPI source-measure unit as a USBTMC device on umockdev's emulated USB bus."
    )

    @OptionGroup var options: SCPISimulatorOptions

    @Option(name: .customLong("product-id"), help: "USB product ID in hexadecimal (vendor is Keithley, 05e6).")
    var productID: String = "2450"

    @Argument(parsing: .postTerminator, help: "A client command to run under umockdev-wrapper.")
    var client: [String] = []

    func run() async throws {
        guard let product = UInt16(productID, radix: 16) else {
            throw ValidationError("--product-id \(productID): expected four hexadecimal digits such as 2450")
        }
        let device = try EmulatedUSBTMCInstrument(meter: try options.makeMeter(), productID: product,
                                                  serialNumber: options.serial)
        // SIGTERM is handled before the address goes out: whoever reads it may stop the device at once.
        let stops = client.isEmpty ? removeTestbedOnTermination(device.rootDirectory) : []
        printLineNow(device.address)
        printLineNow("UMOCKDEV_DIR=\(device.rootDirectory)")
        guard !client.isEmpty else {
            // Control lines are read on a thread of their own: the device
            // answers the client on the cooperative pool.
            let reader = Thread {
                while let line = readLine() { printLineNow(device.handleControlLine(line)) }
            }
            reader.start()
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            withExtendedLifetime(stops) {}
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["umockdev-wrapper"] + client
        var environment = ProcessInfo.processInfo.environment
        environment["UMOCKDEV_DIR"] = device.rootDirectory
        process.environment = environment
        try process.run()
        // Wait without blocking the pool: the emulated device answers on it.
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        withExtendedLifetime(device) {}
        throw ExitCode(process.terminationStatus)
    }
}

/// SIGTERM and SIGINT end the process without running deinitialisers, so the
/// testbed's directory under /tmp is removed here before exiting.
private func removeTestbedOnTermination(_ directory: String) -> [any DispatchSourceSignal] {
    [SIGTERM, SIGINT].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            try? FileManager.default.removeItem(atPath: directory)
            exit(0)
        }
        source.resume()
        return source
    }
}
