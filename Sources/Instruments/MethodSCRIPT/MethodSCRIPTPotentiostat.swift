import Electrochemistry
import Numerics
import Transport

/// A PalmSens potentiostat (EmStat Pico, EmStat4 LR/HR, Nexus) driven by
/// MethodSCRIPT over its USB-CDC serial port.
///
/// Every setpoint is a script: the driver aborts the running one with `Z` and
/// uploads a new measurement loop that streams `P` packets at the sampling
/// interval. Each script ends with `on_finished: cell_off`, so an abort, a
/// compliance `breakloop` or the end of the loop disconnects the cell on the
/// device itself, whatever happens to the host.
///
/// Current sign: with the working electrode on the cell's positive terminal,
/// the device's anodic-positive current is charge, which is cyclerd's sign.
///
/// The actor runs on its serial connection's dedicated thread, so its waits
/// for the device never block Swift's cooperative pool.
public actor MethodSCRIPTPotentiostat: Potentiostat {
    public nonisolated let deviceType: MethodSCRIPTDeviceType
    /// Who the device said it was at connect (or the last reconnect).
    private var identity: InstrumentIdentity
    public nonisolated let address: String
    private let connection: SerialConnection
    private let timeout: Duration

    public nonisolated var capabilities: PotentiostatCapabilities { deviceType.capabilities }
    public nonisolated var unownedExecutor: UnownedSerialExecutor { connection.unownedExecutor }

    /// What the caller asked for.
    private var setpoint: SourceSetpoint = .openCircuit
    /// What the device runs: the setpoint, or the limit it fell back to in compliance.
    private var output: SourceSetpoint = .openCircuit
    private var sampleInterval = 1.0
    private var running: RunningScript?
    private var lastSample: Sample?
    private let connectedAt = ContinuousClock.now

    /// A measurement loop the device is streaming.
    private struct RunningScript {
        /// Instrument time of the loop's start (s).
        var startTime: Double
        var interval: Double
        var packets = 0
    }

    /// How long one streaming loop runs before the driver restarts it; long
    /// enough that restarts are rare, short enough for the firmware's timers.
    static let loopDuration = 86_400.0

    private init(connection: SerialConnection, deviceType: MethodSCRIPTDeviceType, identity: InstrumentIdentity,
                 address: String, timeout: Duration) {
        self.connection = connection
        self.deviceType = deviceType
        self.identity = identity
        self.address = address
        self.timeout = timeout
    }

    // MARK: Connecting

    /// Opens the port, stops any script a previous session left running,
    /// identifies the device (`t`, `i`) and puts the cell off.
    public static func connect(path: String, baudRate: Int = 921_600, parity: SerialParity = .none, stopBits: Int = 1,
                               timeout: Duration = .seconds(1), address: String? = nil) async throws -> MethodSCRIPTPotentiostat {
        let address = address ?? "methodscript:\(path)"
        let connection = SerialConnection(path: path, baudRate: baudRate, parity: parity, stopBits: stopBits,
                                          maximumLineLength: 1024)
        do {
            try await connection.open()
        } catch {
            throw MethodSCRIPTError(.transport(error.kind), instrument: "MethodSCRIPT device", address: address, detail: error.detail)
        }
        let found = try await Session(connection: connection, instrument: "MethodSCRIPT device",
                                      address: address, timeout: timeout).handshake()
        let driver = MethodSCRIPTPotentiostat(connection: connection, deviceType: found.type, identity: found.identity,
                                              address: address, timeout: timeout)
        try await driver.enterSafeState()
        return driver
    }

    /// Connects to a `methodscript:` address.
    public static func connect(_ address: InstrumentAddress) async throws -> MethodSCRIPTPotentiostat {
        guard case .methodScript(let serial) = address.endpoint else {
            throw MethodSCRIPTError(.unsupportedDevice, instrument: "MethodSCRIPT device", address: address.text,
                                    detail: "is not a methodscript: address; expected e.g. methodscript:/dev/ttyACM0?baud=921600")
        }
        let parity: SerialParity = switch serial.parity {
        case .none: .none
        case .even: .even
        case .odd: .odd
        }
        return try await connect(path: serial.path, baudRate: serial.baudRate, parity: parity, stopBits: serial.stopBits,
                                 timeout: address.timeout, address: address.text)
    }

    /// After the device vanished: waits up to `within` for it to come back,
    /// checks it is the same instrument, and leaves the cell off. The caller
    /// re-applies its setpoint (a protocol decides whether to resume).
    public func reconnect(within: Duration) async throws {
        running = nil
        do {
            try await connection.reconnect(within: within)
        } catch {
            throw failure(.transport(error.kind), error.detail)
        }
        let fresh = try await session.handshake()
        guard fresh.type == deviceType, fresh.identity.serialNumber == identity.serialNumber else {
            throw failure(.unsupportedDevice, "a different instrument (\(fresh.identity.model) \(fresh.identity.serialNumber)) answered after reconnecting; expected \(identity.model) \(identity.serialNumber)")
        }
        identity = fresh.identity
        try await enterSafeState()
    }

    /// Closes the port; the device's own `on_finished: cell_off` has the cell off once its script ends.
    public func close() async {
        running = nil
        await connection.close()
    }

    // MARK: Instrument

    /// The identity read at connect; the device is not asked again while it streams.
    public func identify() async throws -> InstrumentIdentity { identity }

    /// Aborts any script (its `on_finished` turns the cell off), then runs a
    /// one-line `cell_off` script so the cell is off even if another program
    /// left it on.
    public func enterSafeState() async throws {
        setpoint = .openCircuit
        output = .openCircuit
        try await abort()
        try await session.run(MethodSCRIPTScript(lines: ["cell_off"]))
    }

    // MARK: Potentiostat

    public func apply(_ newSetpoint: SourceSetpoint) async throws {
        let checked = try validated(newSetpoint)
        try await abort()
        setpoint = checked
        output = checked
        try await startStreaming()
    }

    public func setSampleInterval(_ seconds: Double) async throws {
        guard seconds.isFinite, seconds >= capabilities.minimumSampleInterval, seconds <= Self.loopDuration else {
            throw failure(.unsupportedRequest, "sampling interval \(seconds) s is outside \(capabilities.minimumSampleInterval) s … \(Int(Self.loopDuration)) s")
        }
        sampleInterval = seconds
        if running != nil {
            try await abort()
            try await startStreaming()
        }
    }

    public func nextSample() async throws -> Sample {
        while true {
            if running == nil { try await startStreaming() }
            let line = try await guarded { [self] in
                try await session.readLine(timeout: timeout + .seconds(sampleInterval))
            }
            switch MethodSCRIPTReplyLine(line) {
            case .packet(let text):
                return try await guarded { [self] in try record(try session.decode(text)) }
            case .finished:
                running = nil
                output = fallback(after: output)
            case .accepted, .marker:
                continue
            case .error(let code, let detail):
                running = nil
                throw failure(.deviceError(code: code), "the device stopped the script with error \(code)\(detail.isEmpty ? "" : ": \(detail)")")
            case .unexpected(let text):
                throw await failSafe(failure(.malformedReply, "expected a data packet or a script marker, got \"\(text.prefix(60))\""))
            }
        }
    }

    public func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        let frequencies = request.frequencies
        guard let first = frequencies.first, let last = frequencies.last,
              let range = capabilities.frequencyRange, frequencies.allSatisfy(range.contains) else {
            throw failure(.unsupportedRequest, "EIS needs frequencies within \(capabilities.frequencyRange.map { "\($0.lowerBound)…\($0.upperBound) Hz" } ?? "the device's range")")
        }
        let script: MethodSCRIPTScript
        switch request.excitation {
        case .potentiostatic(let amplitude):
            let dc = try await restingPotential()
            script = .impedance(from: first, to: last, points: frequencies.count, amplitude: amplitude,
                                dcPotential: dc, currentLimit: capabilities.maximumCurrent)
        case .galvanostatic(let amplitude):
            guard capabilities.galvanostaticEIS else {
                throw failure(.unsupportedRequest, "\(deviceType.model) has no galvanostatic EIS (meas_loop_geis); use potentiostatic EIS")
            }
            let dc = if case .current(let i, _) = output { i } else { 0.0 }
            script = .galvanostaticImpedance(from: first, to: last, points: frequencies.count, amplitude: amplitude,
                                             dcCurrent: dc, currentRange: deviceType.currentRange(for: abs(dc) + amplitude * 2))
        }
        try await abort()
        try await session.start(script)
        // A point takes a few periods of its frequency; allow for the slowest.
        let perPoint = timeout + .seconds(8 / min(first, last))
        var points: [ImpedanceSpectrum.Point] = []
        while true {
            let line = try await guarded { [self] in try await session.readLine(timeout: perPoint) }
            switch MethodSCRIPTReplyLine(line) {
            case .packet(let text):
                let packet = try await guarded { [self] in try session.decode(text) }
                guard let f = packet[.frequency]?.value, let re = packet[.impedanceReal]?.value,
                      let im = packet[.impedanceImaginary]?.value else {
                    throw await failSafe(failure(.malformedReply, "EIS packet \"\(text)\" lacks dc (frequency), cc (Z′) or cd (Z″)"))
                }
                points.append(ImpedanceSpectrum.Point(frequency: f, impedance: Complex(re, im)))
            case .finished:
                // The loop ended; the next sample restarts the setpoint's stream.
                return ImpedanceSpectrum(points: points)
            case .accepted, .marker:
                continue
            case .error(let code, let detail):
                throw failure(.deviceError(code: code), "EIS stopped with error \(code)\(detail.isEmpty ? "" : ": \(detail)")")
            case .unexpected(let text):
                throw await failSafe(failure(.malformedReply, "expected an EIS packet, got \"\(text.prefix(60))\""))
            }
        }
    }

    /// A linear sweep (`meas_loop_lsv`) from `start` to `end` V at `rate` V/s in
    /// `step` V steps; returns every point and leaves the cell off.
    public func sweepLinear(from start: Double, to end: Double, step: Double, rate: Double) async throws -> [Sample] {
        let voltages = capabilities.voltageRange
        guard voltages.contains(start), voltages.contains(end), step > 0, rate > 0, start != end else {
            throw failure(.unsupportedRequest, "a sweep needs distinct start and end within \(voltages.lowerBound)…\(voltages.upperBound) V and positive step and rate")
        }
        try await abort()
        setpoint = .openCircuit
        output = .openCircuit
        try await session.start(.linearSweep(from: start, to: end, step: step, rate: rate, currentLimit: capabilities.maximumCurrent))
        running = RunningScript(startTime: nextStartTime(), interval: step / rate)
        var samples: [Sample] = []
        while true {
            let line = try await guarded { [self] in try await session.readLine(timeout: timeout + .seconds(step / rate)) }
            switch MethodSCRIPTReplyLine(line) {
            case .packet(let text):
                samples.append(try await guarded { [self] in try record(try session.decode(text)) })
            case .finished:
                running = nil
                return samples
            case .accepted, .marker:
                continue
            case .error(let code, let detail):
                running = nil
                throw failure(.deviceError(code: code), "the sweep stopped with error \(code)\(detail.isEmpty ? "" : ": \(detail)")")
            case .unexpected(let text):
                throw await failSafe(failure(.malformedReply, "expected a sweep packet, got \"\(text.prefix(60))\""))
            }
        }
    }

    // MARK: Streaming

    private var session: Session {
        Session(connection: connection, instrument: "\(identity.model) \(identity.serialNumber)", address: address, timeout: timeout)
    }

    private func startStreaming() async throws {
        let script: MethodSCRIPTScript = switch output {
        case .openCircuit:
            .openCircuit(interval: sampleInterval, duration: Self.loopDuration)
        case .current(let i, let limits):
            .constantCurrent(i, voltageLimits: limits, currentRange: deviceType.currentRange(for: i),
                             interval: sampleInterval, duration: Self.loopDuration)
        case .voltage(let v, let limit):
            .constantPotential(v, currentLimit: limit, interval: sampleInterval, duration: Self.loopDuration)
        }
        try await session.start(script)
        running = RunningScript(startTime: nextStartTime(), interval: sampleInterval)
    }

    /// Instrument time continues from the last sample, or from wall time since
    /// connecting when the device has been idle longer.
    private func nextStartTime() -> Double {
        let elapsed = connectedAt.duration(to: .now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return max(lastSample?.time ?? 0, wall)
    }

    private func record(_ packet: MethodSCRIPTPacket) throws(MethodSCRIPTError) -> Sample {
        guard let voltage = (packet[.potential] ?? packet[.appliedPotential])?.value else {
            throw failure(.malformedReply, "data packet \"\(packet.encoded)\" has no potential (ab or da)")
        }
        let current = packet[.current]
        var script = running ?? RunningScript(startTime: nextStartTime(), interval: sampleInterval)
        script.packets += 1
        running = script
        let sample = Sample(time: script.startTime + Double(script.packets) * script.interval,
                            voltage: voltage, current: current?.value ?? 0)
        lastSample = sample
        return sample
    }

    /// What the device should run after a loop ended: a galvanostat that hit a
    /// voltage limit holds that voltage; a potentiostat that hit its current
    /// limit sources that current until it reaches its setpoint voltage; a
    /// loop that simply ran its course restarts as it was.
    private func fallback(after ended: SourceSetpoint) -> SourceSetpoint {
        guard let last = lastSample else { return ended }
        switch ended {
        case .current(let i, let limits) where !limits.contains(last.voltage):
            return .voltage(last.voltage > limits.upperBound ? limits.upperBound : limits.lowerBound, currentLimit: abs(i))
        case .voltage(let v, let limit) where abs(last.current) > limit:
            let range = capabilities.voltageRange
            return .current(last.current > 0 ? limit : -limit,
                            voltageLimits: last.current > 0 ? range.lowerBound...v : v...range.upperBound)
        case .current, .voltage:
            // A compliance hold whose condition cleared returns to what was asked.
            return ended == setpoint ? ended : setpoint
        case .openCircuit:
            return ended
        }
    }

    /// Stops the running script, if any, discarding what it still streams.
    private func abort() async throws {
        try await guarded { [self] in try await session.abort() }
        running = nil
    }

    /// A potential for EIS to sit at: the last one measured, or a fresh open-circuit reading.
    private func restingPotential() async throws -> Double {
        if let last = lastSample { return last.voltage }
        try await abort()
        try await session.start(.openCircuit(interval: 0.1, duration: 1))
        running = RunningScript(startTime: nextStartTime(), interval: 0.1)
        while true {
            let line = try await guarded { [self] in try await session.readLine(timeout: timeout + .seconds(1)) }
            switch MethodSCRIPTReplyLine(line) {
            case .packet(let text): return try await guarded { [self] in try record(try session.decode(text)).voltage }
            case .accepted, .marker: continue
            default: throw failure(.malformedReply, "expected an open-circuit packet before EIS, got \"\(line.prefix(60))\"")
            }
        }
    }

    private func validated(_ requested: SourceSetpoint) throws(MethodSCRIPTError) -> SourceSetpoint {
        let caps = capabilities
        switch requested {
        case .openCircuit:
            return requested
        case .current(let i, let limits):
            guard caps.galvanostatic else {
                throw failure(.unsupportedRequest, "\(deviceType.model) has no galvanostat (no meas_loop_cp); use a potentiostatic step or an EmStat4 or Nexus")
            }
            guard i.isFinite, abs(i) <= caps.maximumCurrent else {
                throw failure(.unsupportedRequest, "current \(i) A is beyond the \(deviceType.model)'s ±\(caps.maximumCurrent) A")
            }
            // The device cannot go past its own range, so limits are tightened to it.
            let low = max(limits.lowerBound, caps.voltageRange.lowerBound)
            let high = min(limits.upperBound, caps.voltageRange.upperBound)
            guard low < high else {
                throw failure(.unsupportedRequest, "voltage limits \(limits) do not overlap the device's \(caps.voltageRange) V")
            }
            return .current(i, voltageLimits: low...high)
        case .voltage(let v, let limit):
            guard v.isFinite, caps.voltageRange.contains(v) else {
                throw failure(.unsupportedRequest, "potential \(v) V is outside the \(deviceType.model)'s \(caps.voltageRange.lowerBound)…\(caps.voltageRange.upperBound) V")
            }
            guard limit > 0, limit.isFinite else {
                throw failure(.unsupportedRequest, "current limit \(limit) A must be positive")
            }
            return .voltage(v, currentLimit: min(limit, caps.maximumCurrent))
        }
    }

    // MARK: Errors

    private func failure(_ kind: MethodSCRIPTError.Kind, _ detail: String) -> MethodSCRIPTError {
        MethodSCRIPTError(kind, instrument: "\(identity.model) \(identity.serialNumber)", address: address, detail: detail)
    }

    /// Runs `body`; a malformed reply puts the cell off before the error goes
    /// up, and a vanished device forgets the running script.
    ///
    /// Never inlined: inlined into `reconnect`, Swift 6.3.1's optimizer
    /// crashes while splitting the coroutine (release builds only).
    @inline(never)
    private func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as MethodSCRIPTError {
            switch error.kind {
            case .malformedReply, .deviceError:
                throw await failSafe(error)
            case .transport(.disconnected):
                running = nil
                throw error
            default:
                throw error
            }
        }
    }

    /// Best effort to turn the cell off after a protocol fault; returns the fault.
    private func failSafe(_ error: MethodSCRIPTError) async -> MethodSCRIPTError {
        running = nil
        setpoint = .openCircuit
        output = .openCircuit
        try? await session.abort()
        return error
    }
}
