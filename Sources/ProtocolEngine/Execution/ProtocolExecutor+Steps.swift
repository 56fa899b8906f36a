import CellSimulator
import Configuration
import Electrochemistry
import Instruments

extension ProtocolExecutor {
    var potentiostat: any Potentiostat { instruments.potentiostat }
    var compliance: ClosedRange<Double> { potentiostat.capabilities.voltageRange }
    var maximumCurrent: Double { potentiostat.capabilities.maximumCurrent }

    /// Runs one step and reports how it ended.
    func execute(_ step: Step) async throws -> StepResult {
        var running = try await begin(step)
        let result: StepResult
        switch step.kind {
        case .rest:
            result = try await rest(&running)
        case .constantCurrent(let control):
            var amps = try cell.current(control.current, at: step.valueLocation)
            if let increment = control.increment {
                amps += Double(iteration) * (try cell.current(increment, at: step.valueLocation))
            }
            try await potentiostat.apply(.current(amps, voltageLimits: compliance))
            result = try await sampleLoop(&running) { _, _ in false }
        case .constantVoltage(let control):
            let limit = try control.currentLimit.map { (q) throws(ConfigurationError) in abs(try cell.current(q, at: step.valueLocation)) }
            try await potentiostat.apply(.voltage(control.voltage, currentLimit: limit ?? maximumCurrent))
            result = try await sampleLoop(&running) { _, _ in false }
        case .constantPower(let watts):
            result = try await followLoad(&running) { voltage in watts / max(abs(voltage), 1e-3) }
        case .constantResistance(let ohms, let charging):
            result = try await followLoad(&running) { voltage in (charging ? 1 : -1) * abs(voltage) / ohms }
        case .cccv(let cccv):
            result = try await constantCurrentConstantVoltage(cccv, &running)
        case .pulse(let train):
            result = try await pulses(train, &running)
        case .eis(let settings):
            _ = try await impedance(settings, label: step.label, &running)
            try await potentiostat.apply(.openCircuit)
            result = .next
        case .polarisation(let polarisation):
            result = try await polarise(polarisation, &running)
        case .sweep(let sweep):
            result = try await sweepVoltage(sweep, &running)
        case .setTemperature(let setting):
            result = try await setTemperature(setting, &running)
        case .setPressure(let setting):
            result = try await setPressure(setting, &running)
        case .waitPressure(let window):
            result = try await waitPressure(window, &running)
        case .expectPressure(let window):
            result = try await expectPressure(window, &running)
        case .analyse(let kind):
            await analyse(AnalysisRequest(kind: kind, cell: cell, spectra: history.spectra, polarisations: history.polarisations,
                                          samples: history.samples))
            result = .next
        case .loop, .tag, .every:
            result = .next
        }
        let reason = switch result {
        case .next: "completed"
        case .jump(let label): "goto \(label)"
        }
        emit(.stepEnded(step: running.info, reason: reason))
        return result
    }

    /// Open circuit until a termination; due interleaved blocks interrupt it and it then resumes.
    private func rest(_ running: inout RunningStep) async throws -> StepResult {
        try await potentiostat.apply(.openCircuit)
        return try await sampleLoop(&running) { _, running in
            guard cursors.count == 1, interleaveDue else { return false }
            try await runDueInterleaves()
            recordFilter.reset(policy: running.step.record ?? definition.record)
            try await potentiostat.setSampleInterval(recordFilter.policy.sampleInterval)
            try await potentiostat.apply(.openCircuit)
            return false
        }
    }

    /// Whether any interleaved block is due now.
    var interleaveDue: Bool {
        interleaves.contains { active in
            switch active.interleave.period {
            case .cycles(let n): completedCycles - active.lastCompletedCycles >= n
            case .time(let t): now - active.lastTime >= t * (1 - 1e-9)
            }
        }
    }

    /// A current recomputed from the voltage on every sample (constant power or load).
    private func followLoad(_ running: inout RunningStep, current: (Double) -> Double) async throws -> StepResult {
        let clamp = { (amps: Double) in min(max(amps, -self.maximumCurrent), self.maximumCurrent) }
        let start = try await acquire(&running)
        try await potentiostat.apply(.current(clamp(current(start.voltage)), voltageLimits: compliance))
        return try await sampleLoop(&running) { sample, _ in
            try await potentiostat.apply(.current(clamp(current(sample.voltage)), voltageLimits: compliance))
            return false
        }
    }

    private func constantCurrentConstantVoltage(_ cccv: ConstantCurrentConstantVoltage,
                                                _ running: inout RunningStep) async throws -> StepResult {
        let amps = try cell.current(cccv.current, at: running.step.valueLocation)
        let cutoff = abs(try cell.current(cccv.cutoff, at: running.step.valueLocation))
        try await potentiostat.apply(.current(amps, voltageLimits: compliance))
        var holding = false
        return try await sampleLoop(&running) { sample, _ in
            if !holding {
                let reached = amps > 0 ? sample.voltage >= cccv.voltage : sample.voltage <= cccv.voltage
                if reached {
                    holding = true
                    try await potentiostat.apply(.voltage(cccv.voltage, currentLimit: abs(amps)))
                }
                return false
            }
            return abs(sample.current) <= cutoff
        }
    }

    /// Pulses and rests; a termination of the step ends the whole train.
    private func pulses(_ train: PulseTrain, _ running: inout RunningStep) async throws -> StepResult {
        let amps = try cell.current(train.current, at: running.step.valueLocation)
        var phaseEnd = now + train.pulseDuration
        var pulsesDone = 0
        var resting = false
        try await potentiostat.apply(.current(amps, voltageLimits: compliance))
        return try await sampleLoop(&running) { sample, _ in
            guard sample.time >= phaseEnd - 1e-9 else { return false }
            if !resting {
                pulsesDone += 1
                if train.restDuration > 0 {
                    resting = true
                    phaseEnd = sample.time + train.restDuration
                    try await potentiostat.apply(.openCircuit)
                    return false
                }
            } else {
                resting = false
            }
            guard pulsesDone < train.count else { return true }
            phaseEnd = sample.time + train.pulseDuration
            try await potentiostat.apply(.current(amps, voltageLimits: compliance))
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
        var spectra: [SpectrumRecord] = []
        for _ in 0..<settings.repeats {
            let request = ImpedanceRequest(from: settings.startFrequency, to: settings.endFrequency,
                                           perDecade: settings.pointsPerDecade, excitation: excitation)
            let spectrum = try await potentiostat.measureImpedance(request)
            let record = SpectrumRecord(spectrum, mode: settings.mode, step: running.info.number, cycle: cycle, label: label,
                                        voltage: before.voltage, current: before.current, temperature: before.temperature,
                                        pressure: before.pressure)
            history.spectra.append(record)
            spectra.append(record)
            emit(.spectrum(spectrum: record))
            before = try await acquire(&running)
            self.record(before, running, force: true)
        }
        return spectra
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
