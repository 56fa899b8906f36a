import Instruments

extension ProtocolExecutor {
    /// Sets the controller, then rests until the cell has been within the
    /// band for `stableFor`; failing after `timeout`.
    func setTemperature(_ setting: TemperatureSetting, _ running: inout RunningStep) async throws -> StepResult {
        guard let thermal = instruments.thermal else { throw await failSafely(running, "the channel has no temperature controller") }
        try await thermal.setSetpoint(setting.target)
        guard setting.stableFor > 0 else { return .next }
        try await potentiostat.apply(.openCircuit)
        var stableSince: Double?
        return try await sampleLoop(&running) { sample, running in
            if try await thermal.isStable(within: setting.tolerance) {
                stableSince = stableSince ?? sample.time
            } else {
                stableSince = nil
            }
            if let since = stableSince, sample.time - since >= setting.stableFor - 1e-9 { return true }
            if running.monitor.elapsed >= setting.timeout {
                throw await failSafely(running, "the temperature did not settle within ±\(setting.tolerance) K of \(setting.target) K "
                    + "in \(setting.timeout) s")
            }
            return false
        }
    }

    /// Sets the rig, then rests until the load cell has read the target
    /// (± tolerance) for `settle`; failing after `timeout`.
    func setPressure(_ setting: PressureSetting, _ running: inout RunningStep) async throws -> StepResult {
        guard let actuator = instruments.pressureActuator else { throw await failSafely(running, "the channel has no pressure actuator") }
        try await actuator.setPressure(setting.target)
        try await potentiostat.apply(.openCircuit)
        var settledSince: Double?
        return try await sampleLoop(&running) { sample, running in
            let pressure = try await pressure(in: sample)
            settledSince = abs(pressure - setting.target) <= setting.tolerance ? (settledSince ?? sample.time) : nil
            if let since = settledSince, sample.time - since >= setting.settle - 1e-9 { return true }
            if running.monitor.elapsed >= setting.timeout {
                throw await failSafely(running, "the stack pressure \(pressure) Pa did not reach \(setting.target) ± \(setting.tolerance) Pa "
                    + "in \(setting.timeout) s")
            }
            return false
        }
    }

    /// Rests, logging the passive stack pressure, until it is inside the window.
    func waitPressure(_ window: PressureWindow, _ running: inout RunningStep) async throws -> StepResult {
        try await potentiostat.apply(.openCircuit)
        return try await sampleLoop(&running) { sample, running in
            let pressure = try await pressure(in: sample)
            if window.range.contains(pressure) { return true }
            if running.monitor.elapsed >= window.timeout {
                throw await failSafely(running, "the stack pressure \(pressure) Pa stayed outside \(window.range) Pa for \(window.timeout) s")
            }
            return false
        }
    }

    /// Checks the stack pressure once; outside the window the step fails.
    func expectPressure(_ window: PressureWindow, _ running: inout RunningStep) async throws -> StepResult {
        let sample = try await acquire(&running)
        record(sample, running, force: true)
        let pressure = try await pressure(in: sample)
        guard window.range.contains(pressure) else {
            throw await failSafely(running, "the stack pressure is \(pressure) Pa, outside the expected \(window.range) Pa")
        }
        return .next
    }

    /// The stack pressure: from the sample (the potentiostat's own or the
    /// load cell's latest, joined to it), else read from the load cell now.
    private func pressure(in sample: Sample) async throws -> Double {
        if let pressure = sample.pressure { return pressure }
        guard let sensor = instruments.pressureSensor else { return .nan }
        return try await sensor.readPressure()
    }

    /// Open-circuit readings averaged for the voltage a polarisation is
    /// applied above. One reading carries the channel's voltage noise (50 µV
    /// is 0.5 % of a 10 mV step), and a Bruce–Vincent t₊ with interfaces 20×
    /// the bulk is 20× as sensitive as that to ΔV; twenty readings cut it
    /// to a fifth.
    static var openCircuitReadings: Int { 20 }

    /// DC polarisation: EIS before (transference), ΔV above the mean
    /// open-circuit voltage until the current is steady, EIS after at the held voltage.
    ///
    /// The open-circuit voltage is read after the EIS, just before the step:
    /// the sweep's slowest sines leave the cell slightly polarised (tens of µV
    /// on a polymer, relaxing over minutes), and the step has to start from
    /// the voltage the cell is at. Waiting for that to relax would leave R₀
    /// stale on an interface that is still growing, which costs Bruce–Vincent more.
    func polarise(_ polarisation: Polarisation, _ running: inout RunningStep) async throws -> StepResult {
        try await potentiostat.apply(.openCircuit)
        var before: SpectrumRecord?
        // A polarisation starts again from its first reading when re-entered (see `ExecutorCheckpoint`).
        running.progress.sweepsDone = 0
        if let eis = polarisation.eis {
            before = try await impedance(eis, label: "before", &running).last
        }
        var openVoltages: [Double] = []
        for reading in 0..<Self.openCircuitReadings {
            let sample = try await acquire(&running)
            record(sample, running, force: reading == 0)
            openVoltages.append(sample.voltage)
        }
        let openCircuitVoltage = openVoltages.reduce(0, +) / Double(openVoltages.count)
        let holdStart = now
        try await potentiostat.apply(.voltage(openCircuitVoltage + polarisation.voltage, currentLimit: maximumCurrent))
        var times: [Double] = []
        var currents: [Double] = []
        var steadiness = SteadyCurrent(window: polarisation.window, tolerance: polarisation.steadyChange)
        var steady = false
        let result = try await sampleLoop(&running) { sample, _ in
            let t = sample.time - holdStart
            times.append(t)
            currents.append(sample.current)
            if steadiness.isSteady(after: t, current: sample.current) {
                steady = true
                return true
            }
            return t >= polarisation.maximumDuration
        }
        guard case .next = result else { return result }
        var after: SpectrumRecord?
        if let eis = polarisation.eis {
            running.progress.sweepsDone = 0
            after = try await impedance(eis, label: "after", atPresentSetpoint: true, &running).last
        }
        try await potentiostat.apply(.openCircuit)
        let record = PolarisationRecord(mode: polarisation.mode, voltage: polarisation.voltage, time: times, current: currents,
                                        reachedSteadyState: steady, steadyChange: polarisation.steadyChange,
                                        steadyWindow: polarisation.window, before: before, after: after, step: running.info.number)
        history.polarisations.append(record)
        emit(.polarisation(polarisation: record))
        guard steady else {
            throw await failSafely(running, "the current did not settle to within \(polarisation.steadyChange * 100) % over "
                + "\(polarisation.window) s in \(polarisation.maximumDuration) s")
        }
        let kind: AnalysisKind = polarisation.mode == .transference ? .transference : .electronic
        await analyse(AnalysisRequest(kind: kind, cell: cell, spectra: history.spectra, polarisations: history.polarisations,
                                      samples: []))
        return .next
    }

    /// Asks the analysis provider and reports what it says.
    func analyse(_ request: AnalysisRequest) async {
        guard let analysis else {
            emit(.analysisFailed(kind: request.kind, reason: "no analysis provider is connected to this executor"))
            return
        }
        do {
            if let result = try await analysis.analyse(request) {
                emit(.analysisResult(result: result))
            }
        } catch {
            emit(.analysisFailed(kind: request.kind, reason: "\(error)"))
        }
    }
}
