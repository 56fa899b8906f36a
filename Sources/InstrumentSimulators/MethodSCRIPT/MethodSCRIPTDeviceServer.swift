import Electrochemistry
import CellSimulator
import Instruments
import Numerics
import Synchronization
import Transport

/// Set once to make a server loop return at its next check.
final class StopSignal: Sendable {
    private let flag = Atomic(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}

/// The firmware side of the simulated MethodSCRIPT device: answers online
/// commands (`t`, `i`, `Z`), accepts scripts (`e` … empty line), runs their
/// measurement loop on the bench's potentiostat and streams `P` packets with
/// exact encoding, checking for `Z` between packets as the firmware does.
struct MethodSCRIPTDeviceServer: Sendable {
    let connection: SerialConnection
    let bench: SimulatedBench
    let deviceType: MethodSCRIPTDeviceType
    let serialNumber: String
    let firmware: String
    let stop: StopSignal

    /// How often a blocked write or an idle read looks at the stop signal.
    static let poll = Duration.milliseconds(50)

    typealias ErrorCode = MethodSCRIPTProgram.ErrorCode

    private var potentiostat: SimulatedPotentiostat { bench.potentiostat }

    /// Serves until stopped or the connection is closed.
    func serve() async {
        while !stop.isSet {
            let line: String
            switch await receive(timeout: Self.poll) {
            case .success(let text): line = text
            case .failure(let error) where error.kind == .timeout: continue
            case .failure: return
            }
            do {
                try await handle(line)
            } catch {
                // Unplugged mid-script (or the bench failed): end with the cell off, as on_finished would.
                try? await potentiostat.enterSafeState()
            }
        }
    }

    private func handle(_ line: String) async throws {
        switch line {
        case "t":
            try await send("t\(deviceType.rawValue)\(firmware)", "#cyclerd simulated \(deviceType.model)*")
        case "i":
            try await send("i\(serialNumber)")
        case "Z":
            try await send("Z!\(ErrorCode.noScriptRunning)")
        case "e":
            try await receiveAndRun()
        case "":
            break
        default:
            try await send("!\(ErrorCode.unknownCommand): unknown command \"\(line.prefix(20))\"")
        }
    }

    /// A line or the transport's error as a value: Swift 6.3.1 crashes
    /// compiling a typed `catch … where` inside the serving loops.
    private func receive(timeout: Duration) async -> Result<String, TransportError> {
        do {
            return .success(try await connection.readLine(timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    private func send(_ lines: String...) async throws(TransportError) {
        // Like USB-CDC firmware, the device waits for a slow host, however long, until unplugged.
        let stop = stop
        try await connection.write(Array((lines.joined(separator: "\n") + "\n").utf8), timeout: Self.poll,
                                   keepWaiting: { !stop.isSet })
    }

    private func receiveAndRun() async throws {
        var lines: [String] = []
        while true {
            switch await receive(timeout: .seconds(1)) {
            case .success(let line) where line.isEmpty:
                break
            case .success(let line):
                lines.append(line)
                continue
            case .failure(let error) where error.kind == .timeout:
                try await send("!\(ErrorCode.syntax): the script did not end with an empty line")
                return
            case .failure(let error):
                throw error
            }
            break
        }
        let program: MethodSCRIPTProgram
        do {
            program = try MethodSCRIPTProgram(parsing: lines, device: deviceType)
        } catch {
            try await send("!\(error.code): \(error.message)")
            return
        }
        try await execute(program)
    }

    private func execute(_ program: MethodSCRIPTProgram) async throws {
        try await send("e")
        var pending: SourceSetpoint = .openCircuit
        do {
            for command in program.setup { try await perform(command, pending: &pending) }
        } catch let fault as SimulatedBenchFault {
            // The firmware reports a cell it could not switch, and ends the script.
            try await send("!\(ErrorCode.cellSwitchFault): \(fault.detail)", "")
            return
        }
        if let loop = program.loop {
            try await send("M0000")
            try await run(loop, program)
            try await send("*")
        }
        // A loop that ran its course, hit a breakloop or was aborted ends the same way.
        for command in program.onFinished { try await perform(command, pending: &pending) }
        try await send("")
    }

    private func perform(_ command: MethodSCRIPTProgram.Command, pending: inout SourceSetpoint) async throws {
        let caps = deviceType.capabilities
        switch command {
        case .setPotential(let v): pending = .voltage(v, currentLimit: caps.maximumCurrent)
        case .setCurrent(let i): pending = .current(i, voltageLimits: caps.voltageRange)
        case .cellOn: try await potentiostat.apply(pending)
        case .cellOff: try await potentiostat.enterSafeState()
        case .setting: break
        }
    }

    /// Runs one measurement loop until it ends, breaks, or `Z` aborts it.
    private func run(_ loop: MethodSCRIPTProgram.Loop, _ program: MethodSCRIPTProgram) async throws {
        let caps = deviceType.capabilities
        switch loop {
        case .openCircuit(let interval, let duration):
            try await potentiostat.apply(.openCircuit)
            try await stream(program, interval: interval, count: Self.count(duration, interval))
        case .constantPotential(let v, let interval, let duration):
            try await potentiostat.apply(.voltage(v, currentLimit: caps.maximumCurrent))
            try await stream(program, interval: interval, count: Self.count(duration, interval))
        case .constantCurrent(let i, let interval, let duration):
            try await potentiostat.apply(.current(i, voltageLimits: caps.voltageRange))
            try await stream(program, interval: interval, count: Self.count(duration, interval))
        case .linearSweep(let start, let end, let step, let rate):
            let direction = end > start ? 1.0 : -1.0
            let count = Int((abs(end - start) / step + 1e-9).rounded(.down)) + 1
            try await stream(program, interval: step / rate, count: count) { k in
                try await potentiostat.apply(.voltage(start + direction * step * Double(k), currentLimit: caps.maximumCurrent))
            }
        case .impedance(let amplitude, let start, let end, let points, _):
            try await sweep(program, Self.frequencies(start, end, points), .potentiostatic(amplitude: amplitude))
        case .galvanostaticImpedance(let amplitude, let start, let end, let points, _):
            try await sweep(program, Self.frequencies(start, end, points), .galvanostatic(amplitude: amplitude))
        }
    }

    /// Samples every `interval`, sending the packet and honouring `breakloop`.
    private func stream(_ program: MethodSCRIPTProgram, interval: Double, count: Int,
                        before: (Int) async throws -> Void = { _ in }) async throws {
        try await potentiostat.setSampleInterval(interval)
        for k in 0..<count {
            if try await abortRequested() { return }
            try await before(k)
            let sample = try await potentiostat.nextSample()
            var values: [String: Double] = [:]
            for (name, quantity) in program.bindings {
                switch quantity {
                case .potential: values[name] = sample.voltage
                case .current: values[name] = sample.current
                default: break
                }
            }
            try await sendPacket(program, values)
            if program.breaks.contains(where: { hit($0, values) }) { return }
        }
    }

    private func sweep(_ program: MethodSCRIPTProgram, _ frequencies: [Double], _ excitation: EISExcitation) async throws {
        for f in frequencies {
            if try await abortRequested() { return }
            var request = ImpedanceRequest(from: f, to: f, perDecade: 1, excitation: excitation)
            request.frequencies = [f]
            guard let point = try await potentiostat.measureImpedance(request).points.first else { continue }
            var values: [String: Double] = [:]
            for (name, quantity) in program.bindings {
                switch quantity {
                case .frequency: values[name] = point.frequency
                case .impedanceReal: values[name] = point.impedance.real
                case .impedanceImaginary: values[name] = point.impedance.imaginary
                default: break
                }
            }
            try await sendPacket(program, values)
        }
    }

    private func hit(_ condition: MethodSCRIPTProgram.BreakCondition, _ values: [String: Double]) -> Bool {
        guard let value = values[condition.variable] else { return false }
        return condition.above ? value > condition.threshold : value < condition.threshold
    }

    private func sendPacket(_ program: MethodSCRIPTProgram, _ values: [String: Double]) async throws {
        var variables: [MethodSCRIPTVariable] = []
        for name in program.packet {
            guard let quantity = program.bindings[name] else { continue }
            let value = values[name] ?? .nan
            switch quantity {
            case .potential(let type): variables.append(MethodSCRIPTVariable(type: type, value: value))
            case .current: variables.append(currentVariable(value))
            case .frequency: variables.append(MethodSCRIPTVariable(type: .frequency, value: value))
            case .impedanceReal: variables.append(MethodSCRIPTVariable(type: .impedanceReal, value: value))
            case .impedanceImaginary: variables.append(MethodSCRIPTVariable(type: .impedanceImaginary, value: value))
            }
        }
        try await send(MethodSCRIPTPacket(variables: variables).encoded)
    }

    /// A current with the range it was measured in and the range's status:
    /// overload past full scale, underload below a thousandth of it.
    private func currentVariable(_ current: Double) -> MethodSCRIPTVariable {
        let range = deviceType.currentRange(for: current)
        let index = deviceType.currentRanges.firstIndex(of: range) ?? 0
        var status: MethodSCRIPTStatus = []
        if abs(current) > range { status.insert(.overload) }
        if abs(current) < range * 1e-3 { status.insert(.underload) }
        return MethodSCRIPTVariable(type: .current, value: current, status: status, currentRange: UInt8(index))
    }

    /// Whether the host sent `Z` (answered at once). A device being unplugged
    /// says nothing more: the stream stops mid-flight.
    private func abortRequested() async throws -> Bool {
        if stop.isSet { throw CancellationError() }
        guard let line = try await connection.availableLine() else { return false }
        guard line == "Z" else { return false }
        try await send("Z")
        return true
    }

    static func count(_ duration: Double, _ interval: Double) -> Int {
        Int((duration / interval + 1e-9).rounded(.down))
    }

    /// `points` log-spaced frequencies from `start` to `end`, both included.
    static func frequencies(_ start: Double, _ end: Double, _ points: Int) -> [Double] {
        guard points > 1 else { return [start] }
        return (0..<points).map { start * Double.pow(end / start, Double($0) / Double(points - 1)) }
    }
}
