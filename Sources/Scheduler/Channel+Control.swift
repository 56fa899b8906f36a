import CyclerConfiguration
import Foundation
import Logging
import ProtocolEngine
import Storage
import Synchronization

/// What operators ask of a channel through the API: submit a job, pause,
/// resume (also after a fault), stop, skip a step, acknowledge an alarm.
/// Every request names who asked; the job's log records it.
extension Channel {
    /// The job the executor is running now, if any.
    public var runningJob: Int64? { state.withLock { $0.runningJob } }

    /// The job as it would be stored, once its protocol passes validation
    /// against its cell and this channel's instruments (those connected, or
    /// those the configuration promises before they are).
    public func check(_ draft: JobDraft) throws(ChannelRefusal) -> JobRecord {
        let cellFile = draft.cellFile ?? spec.cell
        let cellText: String
        if let text = draft.cellText {
            cellText = text
        } else {
            do {
                cellText = try String(contentsOfFile: cellFile, encoding: .utf8)
            } catch {
                throw ChannelRefusal(.invalid, "cannot read the channel's cell file \(cellFile): \(error.localizedDescription)")
            }
        }
        do {
            let definition = try ProtocolParser.parse(draft.protocolText, file: draft.protocolFile)
            let cell = CellContext(try CellDescription(yaml: cellText, file: cellFile))
            let capabilities = state.withLock { $0.capabilities } ?? ChannelConnector.expectedCapabilities(spec, configuration)
            let errors = ProtocolValidator.validate(definition, cell: cell, channel: capabilities)
            guard errors.isEmpty else { throw ChannelRefusal(.invalid, errors.map(\.description).joined(separator: "\n")) }
            return JobRecord(channel: name, name: definition.name, protocolFile: draft.protocolFile, protocolText: draft.protocolText,
                             cellFile: cellFile, cellText: cellText, submittedAt: Date().timeIntervalSince1970)
        } catch let refusal as ChannelRefusal {
            throw refusal
        } catch {
            throw ChannelRefusal(.invalid, "\(error)")
        }
    }

    /// Queues a job that passes `check`; it starts when the jobs before it end.
    public func submit(_ draft: JobDraft, by who: String) throws -> JobRecord {
        let stored = try store.insert(try check(draft))
        logger.info("job \(stored.id ?? 0) (\(stored.name)) queued by \(who)")
        return stored
    }

    /// Pauses the running job with its outputs safe; it waits for `resume`.
    public func pauseJob(by who: String, reason: String) throws(ChannelRefusal) {
        try control(of: "pause").pause(by: who, reason: reason)
    }

    /// Ends the running step as if its termination had held.
    public func skipStep(by who: String, reason: String) throws(ChannelRefusal) {
        try control(of: "skip a step").skipStep(by: who, reason: reason)
    }

    /// Runs a paused job again from its checkpoint (after a pause, or to
    /// confirm that a fault has been dealt with).
    public func resumeJob(_ id: Int64, by who: String, reason: String) throws {
        let job = try self.job(id)
        guard job.state == .paused else {
            throw ChannelRefusal(.conflict, "job \(id) is \(job.state.rawValue), not paused; only a paused job can be resumed")
        }
        guard runningJob != id else {
            throw ChannelRefusal(.conflict, "job \(id) waits for its instrument to answer again; it resumes by itself when it does")
        }
        state.withLock { $0.resumeRequest = (by: who, reason: reason) }
        try store.setState(job: id, .running, reason: "resumed by \(who): \(reason)", at: Date().timeIntervalSince1970)
        logger.info("job \(id) resumed by \(who): \(reason)")
    }

    /// Stops a job: the running one with its outputs safe, a queued or paused one at once.
    public func stopJob(_ id: Int64, by who: String, reason: String) throws {
        let job = try self.job(id)
        guard !job.state.isFinished else {
            throw ChannelRefusal(.conflict, "job \(id) has already ended (\(job.state.rawValue))")
        }
        if let control = state.withLock({ $0.runningJob == id ? $0.control : nil }) {
            control.stop(by: who, reason: reason)
            return
        }
        try store.setState(job: id, .stopped, reason: "stopped by \(who): \(reason)", at: Date().timeIntervalSince1970)
        recordAction(job: id, kind: "control", body: ["action": "stop", "requestedBy": who, "reason": reason])
        logger.info("job \(id) stopped by \(who): \(reason)")
    }

    /// Records that `who` has seen the alarm at `seq` in this channel's log.
    public func acknowledgeAlarm(seq: Int64, by who: String) throws {
        guard let event = try store.event(channel: name, seq: seq), event.kind == "alarm" || event.kind == "liveAlarm" else {
            throw ChannelRefusal(.notFound, "channel \(name) has no alarm at seq \(seq)")
        }
        recordAction(job: event.job, kind: "alarmAcknowledged", body: ["seq": "\(seq)", "acknowledgedBy": who])
    }

    /// The running job's control inbox, or a refusal naming what cannot be done.
    private func control(of what: String) throws(ChannelRefusal) -> JobControl {
        guard let control = state.withLock({ $0.control }) else {
            throw ChannelRefusal(.conflict, "channel \(name) runs no job now, so there is nothing to \(what)")
        }
        return control
    }

    private func job(_ id: Int64) throws -> JobRecord {
        guard let job = try store.job(id: id), job.channel == name else {
            throw ChannelRefusal(.notFound, "channel \(name) has no job \(id)")
        }
        return job
    }

    private func recordAction(job: Int64?, kind: String, body: [String: String]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // Job time of the newest sample, so the action sits where it happened on the job's time axis.
        let latest = try? store.latestSample(channel: name)
        let time = latest.flatMap { $0.job == job ? $0.time : nil } ?? 0
        journal.appendAction(PendingEvent(job: job, time: time, unixTime: Date().timeIntervalSince1970, kind: kind, body: text))
    }

    /// Takes the pending resume request (once): the resumed job's event names who asked.
    func takeResumeRequest() -> (by: String, reason: String)? {
        state.withLock { state in
            defer { state.resumeRequest = nil }
            return state.resumeRequest
        }
    }
}
