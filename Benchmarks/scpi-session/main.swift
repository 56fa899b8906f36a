// scpi-session: the SCPI source-measure-unit driver in a process of its own.
//
// It exists so the driver can run under `umockdev-wrapper` (the emulated USB
// bus only exists for a process started with umockdev's preload library)
// and so the benchmark measures a driver that is not sharing a process with
// its simulator. Usage:
//
//     scpi-session ADDRESS            # e.g. usbtmc://05e6:2450?timeout=500ms
//
// Commands, one per line on standard input; one reply line each on standard
// output, "ok …" or "error KIND DETAIL":
//
//     identify                    ok VENDOR|MODEL|SERIAL|FIRMWARE
//     current AMPS VLOW VHIGH     ok            (galvanostatic with voltage limits)
//     voltage VOLTS ILIMIT        ok            (potentiostatic with current limit)
//     safe                        ok            (output off)
//     interval SECONDS            ok
//     sample                      ok TIME VOLTAGE CURRENT
//     scpi COMMAND                ok            (then :SYST:ERR? is checked)
//     bench COUNT                 ok COUNT SECONDS
//     hotplug-next SECONDS        ok arrived|left VID:PID   (the first call starts
//                                 watching and reports devices already present)
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Instruments
import Synchronization
import Transport

@main
struct SCPISession {
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        let arguments = CommandLine.arguments
        guard arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: scpi-session ADDRESS (usbtmc://05e6:2450 or scpi+tcp://127.0.0.1:5025)\n".utf8))
            exit(2)
        }
        let meter: SCPISourceMeter<ContinuousClock>
        do {
            meter = try SCPISourceMeter(address: try InstrumentAddress(parsing: arguments[1]))
        } catch {
            FileHandle.standardError.write(Data("scpi-session: \(error)\n".utf8))
            exit(2)
        }
        let hotplug = HotplugLog()
        while let line = readLine() {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard let command = words.first else { continue }
            let reply: String
            do {
                reply = command == "hotplug-next"
                    ? try await hotplug.next(within: Double(words.count > 1 ? words[1] : "") ?? 1)
                    : try await run(command, words.count > 1 ? words[1] : "", on: meter)
            } catch let error as SCPIInstrumentError {
                reply = "error \(kind(of: error)) \(error.description)"
            } catch {
                reply = "error other \(error)"
            }
            FileHandle.standardOutput.write(Data((reply + "\n").utf8))
        }
        try? await meter.enterSafeState()
    }

    static func run(_ command: String, _ rest: String, on meter: SCPISourceMeter<ContinuousClock>) async throws -> String {
        let numbers = rest.split(separator: " ").compactMap { Double($0) }
        switch (command, numbers.count) {
        case ("identify", _):
            let id = try await meter.identify()
            return "ok \(id.vendor)|\(id.model)|\(id.serialNumber)|\(id.firmware)"
        case ("current", 3):
            try await meter.apply(.current(numbers[0], voltageLimits: numbers[1]...max(numbers[1], numbers[2])))
            return "ok"
        case ("voltage", 2):
            try await meter.apply(.voltage(numbers[0], currentLimit: numbers[1]))
            return "ok"
        case ("safe", _):
            try await meter.enterSafeState()
            return "ok"
        case ("interval", 1):
            try await meter.setSampleInterval(numbers[0])
            return "ok"
        case ("sample", _):
            let sample = try await meter.nextSample()
            return "ok \(sample.time) \(sample.voltage) \(sample.current)"
        case ("scpi", _):
            try await meter.send(commands: [rest])
            return "ok"
        case ("bench", 1):
            let count = max(1, Int(numbers[0]))
            let start = ContinuousClock.now
            for _ in 0..<count { _ = try await meter.nextSample() }
            let (seconds, attoseconds) = start.duration(to: .now).components
            return "ok \(count) \(Double(seconds) + Double(attoseconds) * 1e-18)"
        default:
            return "error usage unknown command or wrong number of arguments: \(command) \(rest)"
        }
    }

    /// A short machine-readable kind: `transport.timeout`, `instrument.-113`, …
    static func kind(of error: SCPIInstrumentError) -> String {
        switch error.code {
        case .transport(let kind): "transport.\(kind.rawValue)"
        case .instrumentError(let code, _): "instrument.\(code)"
        case .unexpectedReply: "unexpected-reply"
        case .unsupportedModel: "unsupported-model"
        case .unsupported: "unsupported"
        case .invalidSetting: "invalid-setting"
        }
    }
}

/// Hotplug events collected as they come, handed out one per `hotplug-next`.
final class HotplugLog: Sendable {
    private let monitor = Mutex<USBHotplugMonitor?>(nil)
    private let events = Mutex<[USBHotplugMonitor.Event]>([])

    func next(within seconds: Double) async throws -> String {
        try monitor.withLock { monitor in
            guard monitor == nil else { return }
            let started = try USBHotplugMonitor()
            monitor = started
            Task { [self] in
                for await event in started.events { events.withLock { $0.append(event) } }
            }
        }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        while ContinuousClock.now < deadline {
            if let event = events.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return "ok \(event)" }
            try await Task.sleep(for: .milliseconds(5))
        }
        return "error transport.timeout no hotplug event within \(seconds) s"
    }
}
