import CyclerConfiguration
import Electrochemistry
import Instruments

extension ProtocolExecutor {
    var potentiostat: any Potentiostat { instruments.potentiostat }
    var compliance: ClosedRange<Double> { potentiostat.capabilities.voltageRange }
    var maximumCurrent: Double { potentiostat.capabilities.maximumCurrent }

    /// Runs one step (or re-enters it after a pause or restart) and reports how it ended.
    ///
    /// Whatever stops it early, its progress stays on its cursor, so the
    /// next run re-enters it; a skip request ends it as a termination would.
    func execute(_ step: Step) async throws -> StepResult {
        let level = top
        let resumed = cursors[level].resume
        cursors[level].resume = nil
        var running: RunningStep
        do {
            running = try await begin(step, resuming: resumed)
        } catch {
            cursors[level].resume = resumed
            throw error
        }
        var result: StepResult
        var reason = "completed"
        do {
            result = try await perform(step, &running)
        } catch let skip as SkipStep {
            result = .next
            reason = "skipped by \(skip.request.requestedBy): \(skip.request.reason)"
        } catch {
            cursors[level].resume = running.snapshot
            throw error
        }
        if case .jump(let label) = result { reason = "goto \(label)" }
        emit(.stepEnded(step: running.info, reason: reason))
        return result
    }

    private func perform(_ step: Step, _ running: inout RunningStep) async throws -> StepResult {
        switch step.kind {
        case .rest:
            return try await rest(&running)
        case .constantCurrent(let control):
            var amps = try cell.current(control.current, at: step.valueLocation)
            if let increment = control.increment {
                amps += Double(iteration) * (try cell.current(increment, at: step.valueLocation))
            }
            try await potentiostat.apply(.current(amps, voltageLimits: voltageCompliance(for: amps, running)))
            return try await sampleLoop(&running) { _, _ in false }
        case .constantVoltage(let control):
            let limit = try control.currentLimit.map { (q) throws(ConfigurationError) in abs(try cell.current(q, at: step.valueLocation)) }
            try await potentiostat.apply(.voltage(control.voltage, currentLimit: limit ?? maximumCurrent))
            return try await sampleLoop(&running) { _, _ in false }
        case .constantPower(let watts):
            return try await followLoad(&running) { voltage in watts / max(abs(voltage), 1e-3) }
        case .constantResistance(let ohms, let charging):
            return try await followLoad(&running) { voltage in (charging ? 1 : -1) * abs(voltage) / ohms }
        case .cccv(let cccv):
            return try await constantCurrentConstantVoltage(cccv, &running)
        case .pulse(let train):
            return try await pulses(train, &running)
        case .eis(let settings):
            _ = try await impedance(settings, label: step.label, &running)
            try await potentiostat.apply(.openCircuit)
            return .next
        case .polarisation(let polarisation):
            return try await polarise(polarisation, &running)
        case .sweep(let sweep):
            return try await sweepVoltage(sweep, &running)
        case .setTemperature(let setting):
            return try await setTemperature(setting, &running)
        case .setPressure(let setting):
            return try await setPressure(setting, &running)
        case .waitPressure(let window):
            return try await waitPressure(window, &running)
        case .expectPressure(let window):
            return try await expectPressure(window, &running)
        case .analyse(let kind):
            await analyse(AnalysisRequest(kind: kind, cell: cell, spectra: history.spectra, polarisations: history.polarisations,
                                          samples: history.samples))
            return .next
        case .loop, .tag, .every:
            return .next
        }
    }

    /// Open circuit until a termination; due interleaved blocks interrupt it and it then resumes.
    private func rest(_ running: inout RunningStep) async throws -> StepResult {
        try await potentiostat.apply(.openCircuit)
        return try await sampleLoop(&running) { _, running in
            guard cursors.count == 1, interleaveDue else { return false }
            // The block runs above this rest; a checkpoint taken meanwhile keeps the rest's progress.
            cursors[0].suspended = running.snapshot
            try await runDueInterleaves()
            cursors[0].suspended = nil
            recordFilter.reset(policy: running.step.record ?? definition.record)
            try await setSampleInterval(recordFilter.policy.sampleInterval)
            try await potentiostat.apply(.openCircuit)
            return false
        }
    }

    /// A current recomputed from the voltage on every sample (constant power or load).
    private func followLoad(_ running: inout RunningStep, current: (Double) -> Double) async throws -> StepResult {
        let clamp = { (amps: Double) in min(max(amps, -self.maximumCurrent), self.maximumCurrent) }
        let start = try await acquire(&running)
        let first = clamp(current(start.voltage))
        try await potentiostat.apply(.current(first, voltageLimits: voltageCompliance(for: first, running)))
        return try await sampleLoop(&running) { sample, running in
            let amps = clamp(current(sample.voltage))
            try await potentiostat.apply(.current(amps, voltageLimits: voltageCompliance(for: amps, running)))
            return false
        }
    }

    /// Constant current to the set voltage, then that voltage until the
    /// current falls to the cut-off. The set voltage is the galvanostat's
    /// compliance, so the switch happens on the instrument, at the voltage,
    /// with no spike past it; the executor then holds the same voltage itself.
    private func constantCurrentConstantVoltage(_ cccv: ConstantCurrentConstantVoltage,
                                                _ running: inout RunningStep) async throws -> StepResult {
        let amps = try cell.current(cccv.current, at: running.step.valueLocation)
        let cutoff = abs(try cell.current(cccv.cutoff, at: running.step.valueLocation))
        let charging = amps > 0
        /// Within this of the set voltage the CC phase is over (V).
        let band = 0.001
        let hold = SourceSetpoint.voltage(cccv.voltage, currentLimit: abs(amps))
        if running.progress.phase == .constantCurrent {
            let limits = voltageCompliance(for: amps, running)
            let toSetVoltage = charging ? limits.lowerBound...max(limits.lowerBound, min(limits.upperBound, cccv.voltage))
                : min(limits.upperBound, max(limits.lowerBound, cccv.voltage))...limits.upperBound
            try await potentiostat.apply(.current(amps, voltageLimits: toSetVoltage))
        } else {
            try await potentiostat.apply(hold)
        }
        return try await sampleLoop(&running) { sample, running in
            guard running.progress.phase == .constantVoltage else {
                if charging ? sample.voltage >= cccv.voltage - band : sample.voltage <= cccv.voltage + band {
                    running.progress.phase = .constantVoltage
                    try await potentiostat.apply(hold)
                }
                return false
            }
            return abs(sample.current) <= cutoff
        }
    }

    /// Pulses and rests; a termination of the step ends the whole train. The
    /// count and the end of the present pulse or rest are kept in step time,
    /// so a resumed train carries on where it stopped.
    private func pulses(_ train: PulseTrain, _ running: inout RunningStep) async throws -> StepResult {
        let amps = try cell.current(train.current, at: running.step.valueLocation)
        let pulse = SourceSetpoint.current(amps, voltageLimits: compliance)
        if running.progress.phaseEndsAt == nil { running.progress.phaseEndsAt = running.monitor.elapsed + train.pulseDuration }
        try await potentiostat.apply(running.progress.pulseResting ? .openCircuit : pulse)
        return try await sampleLoop(&running) { _, running in
            let elapsed = running.monitor.elapsed
            guard elapsed >= (running.progress.phaseEndsAt ?? 0) - 1e-9 else { return false }
            if !running.progress.pulseResting {
                running.progress.pulsesDone += 1
                if train.restDuration > 0 {
                    running.progress.pulseResting = true
                    running.progress.phaseEndsAt = elapsed + train.restDuration
                    try await potentiostat.apply(.openCircuit)
                    return false
                }
            } else {
                running.progress.pulseResting = false
            }
            guard running.progress.pulsesDone < train.count else { return true }
            running.progress.phaseEndsAt = elapsed + train.pulseDuration
            try await potentiostat.apply(pulse)
            return false
        }
    }

    /// Runs the sweeps of an EIS step at its DC level and reports each spectrum.
    ///
    /// With `atPresentSetpoint`, the sweep runs around whatever the output
    /// holds now (a polarisation's "after" spectrum at the held voltage).
    func impedance(_ settings: EISSettings, label: String?, atPresentSetpoint: Bool = false,
                   _ running: inout RunningStep) async throws -> [SpectrumRecord] {
        let excitation: EISExcitation
        switch settings.mode {
        case .potentiostatic:
            excitation = .potentiostatic(amplitude: settings.amplitude.value)
            if let dc = settings.dcLevel {
                try await potentiostat.apply(.voltage(dc.value, currentLimit: maximumCurrent))
            } else if !atPresentSetpoint {
                try await potentiostat.apply(.openCircuit)
            }
        case .galvanostatic:
            excitation = .galvanostatic(amplitude: abs(try cell.current(settings.amplitude, at: running.step.valueLocation)))
            let dc = try settings.dcLevel.map { (q) throws(ConfigurationError) in try cell.current(q, at: running.step.valueLocation) }
            try await potentiostat.apply(dc.map { .current($0, voltageLimits: compliance) } ?? .openCircuit)
        }
        // One sample at the DC level: the safety check, and the conditions the spectrum is tagged with.
        var before = try await acquire(&running)
        record(before, running, force: true)
        let frequencies = ImpedanceSpectrum.frequencies(from: settings.startFrequency, to: settings.endFrequency,
                                                        perDecade: settings.pointsPerDecade)
        // With a DC current the cell moves during the sweep, so it is read between frequencies.
        let measuresBetween = settings.mode == .galvanostatic && settings.dcLevel != nil
        var spectra: [SpectrumRecord] = []
        while running.progress.sweepsDone < settings.repeats {
            var points: [ImpedanceSpectrum.Point] = []
            for frequency in frequencies {
                let part = try await potentiostat.measureImpedance(ImpedanceRequest(frequencies: [frequency], excitation: excitation))
                points += part.points
                try await checkDuringSweep(measuring: measuresBetween, &running)
            }
            let record = SpectrumRecord(ImpedanceSpectrum(points: points), mode: settings.mode, step: running.info.number,
                                        cycle: cycle, label: label, voltage: before.voltage, current: before.current,
                                        temperature: before.temperature, pressure: before.pressure)
            history.spectra.append(record)
            spectra.append(record)
            emit(.spectrum(spectrum: record))
            running.progress.sweepsDone += 1
            before = try await acquire(&running)
            self.record(before, running, force: true)
        }
        return spectra
    }

    /// The safety limits and requests between two frequencies of a sweep: on
    /// a fresh reading when `measuring`, else on the last one with the
    /// separate sensors' latest pressure and temperature.
    private func checkDuringSweep(measuring: Bool, _ running: inout RunningStep) async throws {
        if measuring {
            let sample = try await acquire(&running)
            record(sample, running)
            return
        }
        guard var sample = lastSample else { return }
        // Readings joined from the separate sensors are refreshed; the potentiostat's own stay.
        if sample.pressureAge != nil { sample.pressure = nil }
        if sample.temperatureAge != nil { sample.temperature = nil }
        sensors.fuse(&sample)
        if let hazard = hazard(in: sample) { try await respond(to: hazard, sample, &running) }
        if let request = control.take() { try await act(on: request, &running) }
    }

    private func sweepVoltage(_ sweep: Sweep, _ running: inout RunningStep) async throws -> StepResult {
        let startVoltage: Double
        if let start = sweep.start {
            startVoltage = start
        } else if let last = lastSample {
            startVoltage = last.voltage
        } else {
            startVoltage = try await acquire(&running).voltage
        }
        var points = [startVoltage]
        for _ in 0..<sweep.cycles { points += sweep.vertices }
        var times = [0.0]
        for index in points.indices.dropFirst() {
            times.append(times[index - 1] + abs(points[index] - points[index - 1]) / sweep.rate)
        }
        let total = times[times.count - 1]
        try await potentiostat.apply(.voltage(startVoltage, currentLimit: maximumCurrent))
        return try await sampleLoop(&running) { _, running in
            let t = running.monitor.elapsed
            guard t < total - 1e-9 else { return true }
            let segment = max(1, times.firstIndex { $0 > t } ?? times.count - 1)
            let fraction = (t - times[segment - 1]) / (times[segment] - times[segment - 1])
            let target = points[segment - 1] + fraction * (points[segment] - points[segment - 1])
            try await potentiostat.apply(.voltage(target, currentLimit: maximumCurrent))
            return false
        }
    }
}
