import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments
import Testing

/// The SMU driver over USBTMC through libusb, against the simulated SMU on
/// umockdev's emulated USB bus. The driver runs in a child process
/// (`scpi-session`) under `umockdev-wrapper`; the device and its faults are
/// controlled from here.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper"),
                "needs umockdev (scripts/install-deps.sh)"))
struct SCPISourceMeterUSBTests {
    /// `scpi-session` and `cyclersim` sit next to the test bundle in the build directory.
    static func executable(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    @Test func driverOverEmulatedUSBSourcesReadsSurvivesFaultsAndReconnects() async throws {
        let bench = SimulatedBench(definition: try #require(CellPresets.named("nmc811-lpscl-liin")), noise: .none)
        let meter = SimulatedSourceMeter(model: .keithley2450, bench: bench, timing: .perReading(seconds: 1))
        let device = try EmulatedUSBTMCInstrument(meter: meter, serialNumber: "04412345")
        let session = try LineProcess(executable: "/usr/bin/umockdev-wrapper",
                                      arguments: [Self.executable("scpi-session"), device.address + "/04412345?timeout=300ms"],
                                      environment: ["UMOCKDEV_DIR": device.rootDirectory])

        #expect(try await session.ask("identify") == "ok KEITHLEY INSTRUMENTS|MODEL 2450|04412345|1.7.3c")
        #expect(try await session.ask("current 0.001 2.5 4.3") == "ok")
        #expect(try await session.ask("interval 0") == "ok")
        let sample = try await session.ask("sample").split(separator: " ")
        #expect(sample.first == "ok" && sample.count == 4)
        #expect(sample.count == 4 && abs((Double(sample[3]) ?? 0) - 1e-3) < 1e-6)
        #expect(await meter.isOutputOn)

        // A SCPI error in the queue comes back typed, with the instrument's code.
        #expect(try await session.ask("scpi :SOUR:BOGUS 1").hasPrefix("error instrument.-113 "))
        #expect(await !meter.isOutputOn)

        // A hung instrument: a timeout, within the deadline, then recovery by device clear.
        device.fault = .silent
        let start = ContinuousClock.now
        #expect(try await session.ask("sample").hasPrefix("error transport.timeout "))
        #expect(start.duration(to: .now) < .seconds(5), "bounded by the 300 ms timeout plus a device clear, not hung")
        device.fault = .garbage
        #expect(try await session.ask("sample").hasPrefix("error transport.malformed "))
        device.fault = .truncated
        #expect(try await session.ask("sample").hasPrefix("error transport."))
        device.fault = .none
        #expect(try await session.ask("sample").hasPrefix("ok "))

        // The cable is pulled mid-stream, then plugged back in.
        #expect(try await session.ask("current 0.001 2.5 4.3") == "ok")
        device.unplug()
        #expect(try await session.ask("sample").hasPrefix("error transport.disconnected "))
        #expect(try await session.ask("sample").hasPrefix("error transport.unavailable "))
        try device.plugIn()
        #expect(try await session.ask("sample").hasPrefix("ok "))
        #expect(await !meter.isOutputOn, "after reconnecting, the output stays off until a step re-applies it")
        #expect(await session.finish() == 0)
    }

    /// Hotplug events need the bus's owner under umockdev's preload too, so
    /// here the device is `cyclersim usbtmc` in its own process, unplugged
    /// and plugged back through its control lines.
    @Test func hotplugReportsTheCablePulledAndPluggedBack() async throws {
        let server = try LineProcess(executable: "/usr/bin/umockdev-wrapper",
                                     arguments: [Self.executable("cyclersim"), "usbtmc", "--preset", "li-lpscl-li"])
        let address = try await server.nextLine()
        let directory = try await server.nextLine()
        #expect(address == "usbtmc://05e6:2450")
        #expect(directory.hasPrefix("UMOCKDEV_DIR=/"))
        let session = try LineProcess(executable: "/usr/bin/umockdev-wrapper",
                                      arguments: [Self.executable("scpi-session"), address + "?timeout=300ms"],
                                      environment: ["UMOCKDEV_DIR": String(directory.dropFirst("UMOCKDEV_DIR=".count))])

        #expect(try await session.ask("hotplug-next 2") == "ok arrived 05e6:2450", "a present device is enumerated as arrived")
        #expect(try await session.ask("current 0.0001 -5 5") == "ok")
        #expect(try await server.ask("output?") == "on")
        #expect(try await server.ask("unplug") == "ok")
        #expect(try await session.ask("hotplug-next 2") == "ok left 05e6:2450")
        #expect(try await session.ask("sample").hasPrefix("error transport.disconnected "))
        #expect(try await server.ask("plug") == "ok")
        #expect(try await session.ask("hotplug-next 2") == "ok arrived 05e6:2450")
        #expect(try await session.ask("sample").hasPrefix("ok "))
        #expect(try await server.ask("output?") == "off", "after reconnecting, the output stays off until a step re-applies it")
        #expect(await session.finish() == 0)
        await server.terminate()
    }
}
