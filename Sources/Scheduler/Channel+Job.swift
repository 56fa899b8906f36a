import CyclerConfiguration
import Foundation
import Instruments
import Logging
import ProtocolEngine
import Storage

extension Channel {
    /// Runs (or resumes) one job to an outcome the channel can act on.
    func run(_ job: JobRecord, on instruments: ChannelInstruments) async {
        guard let id = job.id else { return }
        let executor: ProtocolExecutor<ContinuousClock>
        do {
            executor = try makeExecutor(job, id: id, instruments: instruments)
        } catch {
            logger.error("job \(id) cannot run: \(error)")
            try? store.setState(job: id, .failed, reason: "\(error)", at: Date().timeIntervalSince1970)
            return
        }
        // As often as the writer flushes: what a checkpoint covers waits for the next flush, then is on disk.
        executor.checkpointInterval = StoreWriter.flushInterval
        setControl(executor.control, job: id)
        defer { setControl(nil, job: nil) }
        do {
            try store.setState(job: id, .running, at: Date().timeIntervalSince1970)
        } catch {
            logger.error("job \(id) cannot start: \(error); trying again in 5 s")
            try? await Task.sleep(for: .seconds(5))
            return
        }
        logger.info("job \(id) (\(job.name)) \(job.checkpoint == nil ? "started" : "resumed from its checkpoint")")
        setStatus("running job \(id): \(job.name)")
        var outcome = await executor.run()
        while case .paused(.instrumentLost(let alarm)) = outcome, !isStoppingNow {
            countInstrumentError()
            let lostAt = Date().timeIntervalSince1970
            setStatus("fault: \(alarm.message)")
            try? store.setState(job: id, .paused, reason: alarm.message, at: lostAt)
            logger.warning("job \(id) paused: \(alarm.message)")
            guard await reconnect(instruments) else { break }
            try? store.setState(job: id, .running, at: Date().timeIntervalSince1970)
            setStatus("running job \(id): \(job.name)")
            // The outage is the gap the `resumed` event reports, as a restart's is.
            outcome = await executor.resume(by: Self.daemon, reason: "instrument reconnected",
                                            gap: Date().timeIntervalSince1970 - lostAt)
        }
        journal.seal()
        record(outcome, job: id)
    }

    private func makeExecutor(_ job: JobRecord, id: Int64, instruments: ChannelInstruments) throws -> ProtocolExecutor<ContinuousClock> {
        let definition = try ProtocolParser.parse(job.protocolText, file: job.protocolFile)
        let cell = CellContext(try CellDescription(yaml: job.cellText, file: job.cellFile))
        let errors = ProtocolValidator.validate(definition, cell: cell, channel: instruments.capabilities)
        guard errors.isEmpty else {
            throw SchedulerError(channel: name, message: errors.map(\.description).joined(separator: "\n"))
        }
        let control = JobControl()
        let observer = JournalObserver(journal: journal, job: id, liveModel: liveModel(for: cell.description, job: id), control: control)
        guard let json = job.checkpoint else {
            return ProtocolExecutor(definition: definition, instruments: instruments, cell: cell, clock: ContinuousClock(),
                                    observer: observer, analysis: ElectrochemistryAnalyses(), control: control)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let checkpoint = try decoder.decode(ExecutorCheckpoint.self, from: json)
        let events = try store.events(job: id).compactMap { stored -> JobEvent? in
            guard stored.kind == "spectrum" || stored.kind == "polarisation" else { return nil }
            return try decoder.decode(JobEvent.self, from: Data(stored.body.utf8))
        }
        let samples = try store.samples(job: id, fromCycle: checkpoint.cycle).map { s in
            RecordedSample(Sample(time: s.time, voltage: s.voltage, current: s.current, pressure: s.pressure, temperature: s.temperature),
                           step: s.step, cycle: s.cycle, stepTime: s.stepTime, stepCharge: s.stepCharge)
        }
        let gap = job.checkpointAt.map { max(0, Date().timeIntervalSince1970 - $0) }
        let resumption = takeResumeRequest() ?? (by: Self.daemon, reason: "the daemon restarted")
        return try ProtocolExecutor(definition: definition, instruments: instruments, cell: cell, clock: ContinuousClock(),
                                    observer: observer, analysis: ElectrochemistryAnalyses(), control: control, resuming: checkpoint,
                                    events: events, samples: samples, gap: gap, requestedBy: resumption.by,
                                    reason: resumption.reason)
    }

    /// The job's live model, or nil (logged once) when the cell file lacks what it needs.
    private func liveModel(for cell: CellDescription, job id: Int64) -> ChannelLiveModel? {
        do {
            return try ChannelLiveModel(cell: cell, pausingOn: spec.pauseOn)
        } catch {
            logger.warning("job \(id) runs without a live model: \(error)")
            return nil
        }
    }

    /// Reconnects the potentiostat until it answers or the channel stops, warning less often each time (to once a minute).
    ///
    /// Each try lasts one short window (the driver polls the device within it), so a stop is noticed within
    /// `reconnectWindow` however long the outage; a try that fails at once (a different instrument
    /// answered) waits out its window rather than spinning.
    private func reconnect(_ instruments: ChannelInstruments) async -> Bool {
        var warning = (last: ContinuousClock.now, every: Duration.seconds(2))
        while !isStoppingNow {
            let tried = ContinuousClock.now
            do {
                try await instruments.potentiostat.reconnect(within: Self.reconnectWindow)
                logger.info("instrument reconnected")
                return true
            } catch {
                if warning.last.duration(to: .now) >= warning.every {
                    logger.warning("still no instrument: \(error)")
                    warning = (.now, min(warning.every * 2, .seconds(60)))
                }
                try? await Task.sleep(until: tried + Self.reconnectWindow, clock: .continuous)
            }
        }
        return false
    }

    /// How long one reconnection try may wait for the instrument.
    static let reconnectWindow = Duration.seconds(2)

    /// Stores what the job's run came to.
    private func record(_ outcome: JobOutcome, job id: Int64) {
        let now = Date().timeIntervalSince1970
        let (state, reason): (JobRecord.State, String?) = switch outcome {
        case .completed: (.completed, nil)
        case .paused(.requested(let request)) where request.requestedBy == Self.daemon: (.running, "the daemon stopped; resumes at the next start")
        case .paused(.requested(let request)) where request.requestedBy == "storage": (.running, "paused while the database cannot be written: \(request.reason)")
        case .paused(.requested(let request)): (.paused, "paused by \(request.requestedBy): \(request.reason)")
        case .paused(.instrumentLost(let alarm)) where isStoppingNow:
            (.running, "the daemon stopped while the instrument was lost (\(alarm.message)); resumes at the next start once it answers")
        case .paused(let reason): (.paused, reason.alarm?.message ?? "paused")
        case .failed(let reason): (.failed, reason)
        case .stopped: (.stopped, nil)
        }
        do {
            try store.setState(job: id, state, reason: reason, at: now)
        } catch {
            logger.error("\(error)")
        }
        logger.info("job \(id): \(state.rawValue)\(reason.map { " (\($0))" } ?? "")")
    }
}
