import Electrochemistry
import Transport

/// A Keithley 2450 / 2400-class source-measure unit as a potentiostat channel,
/// over raw TCP or USBTMC.
///
/// Configuration is followed by `:SYST:ERR?`: a command the instrument refused
/// turns the output off and becomes a typed error carrying the instrument's own
/// message. A connection that drops is reopened on the next call, and the
/// output is switched off first thing after reopening (safety first: the step
/// engine decides whether to resume). Samples are paced on the injected clock.
public actor SCPISourceMeter<C: Clock>: Potentiostat where C.Duration == Duration {
    public nonisolated let connection: any SCPIConnection
    /// The model from `*IDN?` once connected; the expected model before.
    public private(set) var model: SCPISourceMeterModel
    private let clock: C
    private var sampleInterval: Duration = .seconds(1)
    private var nextDue: C.Instant?
    /// The source settings last sent; `:READ?` fields come in an order that
    /// depends on them, whether or not the output is on.
    private var configured: SourceSetpoint = .openCircuit
    private var identity: InstrumentIdentity?
    private var mustReconnect = true
    private let timeout: Duration

    public nonisolated var address: String { connection.address }

    public init(connection: any SCPIConnection, model: SCPISourceMeterModel = .keithley2450, clock: C,
                timeout: Duration = .seconds(1)) {
        self.connection = connection
        self.model = model
        self.clock = clock
        self.timeout = timeout
    }

    public nonisolated var capabilities: PotentiostatCapabilities {
        PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: false,
                                 galvanostaticEIS: false, maximumCurrent: 1.05, voltageRange: -210...210,
                                 frequencyRange: nil, minimumSampleInterval: 1e-3)
    }

    /// Opens the connection, identifies the instrument (adopting the command
    /// set its `*IDN?` names), clears its error queue and sets it up.
    public func connect() async throws(SCPIInstrumentError) {
        await connection.close()
        await connection.setTimeout(timeout)
        do {
            try await connection.open()
        } catch {
            throw wrap(error, doing: "connecting")
        }
        mustReconnect = false
        let reply = try await query("*IDN?", doing: "identifying")
        guard let detected = SCPISourceMeterModel(identification: reply) else {
            throw SCPIInstrumentError(.unsupportedModel, instrument: model.displayName, address: address,
                                      detail: "*IDN? answered \"\(reply)\"; expected a Keithley 2450- or 2400-series SMU")
        }
        model = detected
        identity = Self.identity(from: reply, address: address)
        // After a reconnect the instrument may still be sourcing the last
        // setpoint: make it safe before anything else, then leave it set up
        // to measure open-circuit voltage (0 A) with the output off.
        try await configure([":OUTP OFF", "*CLS"] + model.connectCommands + model.configureCommands(for: .openCircuit),
                            doing: "setting up after connecting")
        configured = .openCircuit
        nextDue = nil
    }

    /// Reopens the connection until the instrument answers (`connect` switches the output off first).
    public func reconnect(within: Duration) async throws {
        try await retryingUntilReconnected(within: within) { try await connect() }
    }

    public func close() async {
        mustReconnect = true
        await connection.close()
    }

    public func identify() async throws -> InstrumentIdentity {
        try await reconnectIfNeeded()
        let reply = try await query("*IDN?", doing: "identifying")
        return Self.identity(from: reply, address: address)
    }

    /// Switches the output off; the 2450 and 2400 then float the terminals
    /// (high-impedance output-off mode set at connect).
    public func enterSafeState() async throws {
        try await reconnectIfNeeded()
        try await configure([":OUTP OFF"], doing: "switching the output off")
    }

    /// Configures the source for `setpoint`, checks the error queue, and
    /// switches the output on.
    public func apply(_ setpoint: SourceSetpoint) async throws {
        try validate(setpoint)
        try await reconnectIfNeeded()
        // The output goes on only once the instrument has taken every setting.
        // The source function is the first command, so it is what the
        // instrument holds even if a later setting is refused.
        configured = setpoint
        try await configure(model.configureCommands(for: setpoint), doing: "applying \(setpoint)")
        try await configure([":OUTP ON"], doing: "switching the output on for \(setpoint)")
    }

    /// Sends setup commands a lab adds for its wiring or noise (`:SENS:VOLT:RSEN ON`
    /// for 4-wire sense, `:SENS:VOLT:NPLC 10`), then checks the error queue.
    ///
    /// - Throws: `.instrumentError` with the instrument's code and message for
    ///   any command it refused (the output is then switched off).
    public func send(commands: [String]) async throws(SCPIInstrumentError) {
        try await reconnectIfNeeded()
        try await configure(commands, doing: "sending \(commands.joined(separator: "; "))")
    }

    public func setSampleInterval(_ seconds: Double) async throws {
        guard seconds.isFinite, seconds >= 0 else {
            throw SCPIInstrumentError(.invalidSetting, instrument: model.displayName, address: address,
                                      detail: "sample interval \(seconds) s; expected 0 (as fast as it answers) or more")
        }
        sampleInterval = .nanoseconds(Int64((seconds * 1e9).rounded()))
        nextDue = nil
    }

    /// Waits for the next sample time, then reads voltage, current and the
    /// instrument's time stamp with one `:READ?`.
    public func nextSample() async throws -> Sample {
        try await reconnectIfNeeded()
        if let nextDue { try await clock.sleep(until: nextDue, tolerance: nil) }
        nextDue = (nextDue ?? clock.now).advanced(by: sampleInterval)
        let reply = try await query(model.readQuery, doing: "reading voltage and current")
        guard let reading = model.parseReading(reply, sourcing: configured) else {
            await recoverFromBadReply()
            throw SCPIInstrumentError(.unexpectedReply, instrument: model.displayName, address: address,
                                      detail: "\(model.readQuery) answered \"\(reply.prefix(80))\"; expected three comma-separated numbers")
        }
        return Sample(time: reading.time, voltage: reading.voltage, current: reading.current)
    }

    public func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        throw SCPIInstrumentError(.unsupported, instrument: model.displayName, address: address,
                                  detail: "a source-measure unit has no impedance analyser; use a potentiostat with EIS for this step")
    }

    /// Sends `commands`, then drains `:SYST:ERR?`. Any queued error switches
    /// the output off and is thrown with the instrument's own code and text.
    private func configure(_ commands: [String], doing action: String) async throws(SCPIInstrumentError) {
        for command in commands { try await send(command, doing: action) }
        var errors: [SCPIErrorQueueEntry] = []
        for _ in 0..<32 {
            let reply = try await query(":SYST:ERR?", doing: "reading the error queue")
            guard let entry = SCPIErrorQueueEntry(parsing: reply) else {
                await recoverFromBadReply()
                throw SCPIInstrumentError(.unexpectedReply, instrument: model.displayName, address: address,
                                          detail: ":SYST:ERR? answered \"\(reply.prefix(80))\"; expected <code>,\"<message>\"")
            }
            if entry.isNoError { break }
            errors.append(entry)
        }
        guard let first = errors.first else { return }
        if commands != [":OUTP OFF"] { try? await switchOffConfirmed() }
        let all = errors.map(\.description).joined(separator: "; ")
        throw SCPIInstrumentError(.instrumentError(code: first.code, message: first.message), instrument: model.displayName,
                                  address: address, detail: "refused a command while \(action): \(all); output switched off")
    }

    /// `:OUTP OFF`, then `:OUTP?` until it reads back 0, so the error thrown
    /// after it is only seen once the output really is off.
    private func switchOffConfirmed() async throws(SCPIInstrumentError) {
        try await send(":OUTP OFF", doing: "switching the output off after an error")
        let state = try await query(":OUTP?", doing: "confirming the output is off")
        guard state.trimmingPrefix("+") == "0" else {
            throw SCPIInstrumentError(.unexpectedReply, instrument: model.displayName, address: address,
                                      detail: ":OUTP? answered \"\(state)\" after :OUTP OFF; expected 0; check the instrument's output by hand")
        }
    }

    private func send(_ command: String, doing action: String) async throws(SCPIInstrumentError) {
        do {
            try await connection.send(command)
        } catch {
            throw await fail(error, doing: action)
        }
    }

    private func query(_ command: String, doing action: String) async throws(SCPIInstrumentError) -> String {
        do {
            return try await connection.query(command)
        } catch {
            throw await fail(error, doing: action)
        }
    }

    /// After a timeout or garbled bytes the link is out of step: clear it so
    /// the next reply answers the next query. A vanished device is reopened
    /// on the next call.
    private func fail(_ error: TransportError, doing action: String) async -> SCPIInstrumentError {
        switch error.kind {
        case .disconnected, .unavailable:
            mustReconnect = true
        case .timeout, .malformed:
            await recoverFromBadReply()
        case .rejected, .system:
            break
        }
        return wrap(error, doing: action)
    }

    private func recoverFromBadReply() async {
        do {
            try await connection.clear()
        } catch {
            mustReconnect = true
        }
    }

    private func wrap(_ error: TransportError, doing action: String) -> SCPIInstrumentError {
        SCPIInstrumentError(.transport(error.kind), instrument: model.displayName, address: address,
                            detail: "\(action): \(error.detail)")
    }

    private func reconnectIfNeeded() async throws(SCPIInstrumentError) {
        let open = await connection.isOpen
        if mustReconnect || !open { try await connect() }
    }

    private func validate(_ setpoint: SourceSetpoint) throws(SCPIInstrumentError) {
        let problem: String? = switch setpoint {
        case .openCircuit: nil
        case .current(let i, let limits):
            !i.isFinite || abs(i) > model.maximumCurrent ? "current \(i) A is outside ±\(model.maximumCurrent) A"
                : !limits.lowerBound.isFinite || !limits.upperBound.isFinite || SCPISourceMeterModel.compliance(i, limits) > model.maximumVoltage
                ? "voltage limits \(limits) V exceed ±\(model.maximumVoltage) V" : nil
        case .voltage(let v, let limit):
            !v.isFinite || abs(v) > model.maximumVoltage ? "voltage \(v) V is outside ±\(model.maximumVoltage) V"
                : !limit.isFinite || limit <= 0 || limit > model.maximumCurrent
                ? "current limit \(limit) A; expected more than 0 and at most \(model.maximumCurrent) A" : nil
        }
        if let problem {
            throw SCPIInstrumentError(.invalidSetting, instrument: model.displayName, address: address, detail: problem)
        }
    }

    static func identity(from reply: String, address: String) -> InstrumentIdentity {
        let fields = reply.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.drop { $0 == " " })
        }
        func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        return InstrumentIdentity(vendor: field(0), model: field(1), serialNumber: field(2), firmware: field(3), address: address)
    }
}

extension SCPISourceMeter where C == ContinuousClock {
    public init(connection: any SCPIConnection, model: SCPISourceMeterModel = .keithley2450, timeout: Duration = .seconds(1)) {
        self.init(connection: connection, model: model, clock: ContinuousClock(), timeout: timeout)
    }
}
