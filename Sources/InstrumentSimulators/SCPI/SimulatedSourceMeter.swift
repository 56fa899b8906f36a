import Foundation
import Instruments

/// A Keithley 2450 or 2400 at the SCPI level, sourcing into a `SimulatedBench`.
///
/// It keeps what a real SMU keeps (source function, levels, limits, output
/// state, error queue) and answers `:READ?` from the bench's cell, so current
/// sourced here moves the pressure the bench's rig reports. Commands the model
/// does not know land in the error queue as -113, as on the instrument.
public actor SimulatedSourceMeter {
    /// How far the bench's clock moves between two readings.
    public enum Timing: Sendable, Hashable {
        /// Wall-clock time since the last reading times `factor` (1 = real time).
        case scaled(Double)
        /// A fixed simulated interval per reading, for repeatable tests.
        case perReading(seconds: Double)
    }

    enum Function: Sendable { case voltage, current }

    public nonisolated let model: SCPISourceMeterModel
    /// The `*IDN?` reply.
    public nonisolated let identification: String
    private let channel: SimulatedPotentiostat
    private let timing: Timing
    private var lastReading: ContinuousClock.Instant?

    var sourceFunction: Function = .voltage
    var currentLevel = 0.0
    var voltageLevel = 0.0
    var voltageLimit = 21.0
    var currentLimit = 1.05e-4
    var senseFunction: Function = .current
    var output = false
    var formatElements: [String] = ["VOLT", "CURR", "RES", "TIME", "STAT"]
    private var errorQueue: [SCPIErrorQueueEntry] = []
    static let errorQueueCapacity = 10
    static let maximumCurrent = 1.05
    static let maximumVoltage = 210.0

    public init(model: SCPISourceMeterModel, bench: SimulatedBench, serialNumber: String = "04412345",
                timing: Timing = .scaled(1)) {
        self.model = model
        self.channel = bench.potentiostat
        self.timing = timing
        identification = switch model {
        case .keithley2450: "KEITHLEY INSTRUMENTS,MODEL 2450,\(serialNumber),1.7.3c"
        case .keithley2400: "KEITHLEY INSTRUMENTS INC.,MODEL 2400,\(serialNumber),C30   Mar 17 2006 09:29:29/A02  /K/J"
        }
    }

    /// Whether the output is on, as the front panel would show it.
    public var isOutputOn: Bool { output }

    /// Runs one program message; returns the reply line for its queries
    /// (joined by `;`), or nil when it held no query.
    public func execute(_ message: String) async -> String? {
        var replies: [String] = []
        for command in SCPICommand.parse(message) {
            do {
                if let reply = try await run(command) { replies.append(reply) }
            } catch {
                push(error.entry)
            }
        }
        return replies.isEmpty ? nil : replies.joined(separator: ";")
    }

    /// Output off: the bench's cell goes to open circuit. Also what happens
    /// when the simulated instrument is unplugged.
    public func switchOutputOff() async {
        output = false
        try? await channel.enterSafeState()
    }

    func push(_ entry: SCPIErrorQueueEntry) {
        if errorQueue.count >= Self.errorQueueCapacity - 1 {
            if errorQueue.last?.code != -350 { errorQueue.append(SCPIErrorQueueEntry(code: -350, message: "Queue overflow")) }
            return
        }
        errorQueue.append(entry)
    }

    func popError() -> SCPIErrorQueueEntry {
        errorQueue.isEmpty ? SCPIErrorQueueEntry(code: 0, message: "No error") : errorQueue.removeFirst()
    }

    func clearErrors() { errorQueue.removeAll() }

    func reset() async {
        sourceFunction = .voltage
        currentLevel = 0
        voltageLevel = 0
        voltageLimit = 21
        currentLimit = 1.05e-4
        senseFunction = .current
        formatElements = ["VOLT", "CURR", "RES", "TIME", "STAT"]
        await switchOutputOff()
    }

    /// Hands the present source settings to the bench when the output is on.
    func updateSource() async {
        guard output else { return }
        let setpoint: SourceSetpoint = switch sourceFunction {
        case .current: .current(currentLevel, voltageLimits: -voltageLimit...voltageLimit)
        case .voltage: .voltage(voltageLevel, currentLimit: currentLimit)
        }
        try? await channel.apply(setpoint)
    }

    /// Advances the bench by the time since the last reading and reads it.
    func takeReading() async throws(SCPICommandError) -> Sample {
        let now = ContinuousClock.now
        let dt: Double = switch timing {
        case .perReading(let seconds): seconds
        case .scaled(let factor):
            lastReading.map { last in
                let (s, a) = last.duration(to: now).components
                return (Double(s) + Double(a) * 1e-18) * factor
            } ?? 0
        }
        lastReading = now
        do {
            try await channel.setSampleInterval(dt)
            return try await channel.nextSample()
        } catch {
            throw SCPICommandError(-240, "Hardware error")
        }
    }
}

/// A command the simulated instrument refuses: becomes an error-queue entry.
struct SCPICommandError: Error {
    var entry: SCPIErrorQueueEntry
    init(_ code: Int, _ message: String) { entry = SCPIErrorQueueEntry(code: code, message: message) }

    static let undefinedHeader = SCPICommandError(-113, "Undefined header")
    static let missingParameter = SCPICommandError(-109, "Missing parameter")
    static let dataType = SCPICommandError(-104, "Data type error")
    static let illegalValue = SCPICommandError(-224, "Illegal parameter value")
    static let outOfRange = SCPICommandError(-222, "Data out of range")
}
