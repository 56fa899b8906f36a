import Foundation
import LiveModel
import ProtocolEngine
import Storage

/// Hands what a job records to its channel's journal, stamped with the wall
/// time it was seen: the bridge from the executor (which knows nothing of the
/// store) to storage. Never blocks the job.
final class JournalObserver: JobObserver {
    let journal: ChannelJournal
    let job: Int64
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    /// The job's live model, when the cell allows one.
    let liveModel: ChannelLiveModel?
    /// Where a live-model alarm that pauses the job is posted.
    let control: JobControl

    init(journal: ChannelJournal, job: Int64, liveModel: ChannelLiveModel?, control: JobControl) {
        self.journal = journal
        self.job = job
        self.liveModel = liveModel
        self.control = control
    }

    func record(_ s: RecordedSample) {
        let now = Date().timeIntervalSince1970
        journal.append(PendingSample(job: job, time: s.time, unixTime: now, voltage: s.voltage,
                                     current: s.current, pressure: s.pressure, temperature: s.temperature, step: s.step,
                                     cycle: s.cycle, stepTime: s.stepTime, stepCharge: s.stepCharge))
        guard let (estimate, alarms) = liveModel?.update(Measurement(time: s.time, current: s.current, voltage: s.voltage,
                                                                      pressure: s.pressure, temperature: s.temperature)) else { return }
        if let estimate { append(estimate, kind: "estimate", time: s.time, at: now) }
        for alarm in alarms {
            append(alarm, kind: "liveAlarm", time: s.time, at: now)
            if alarm.pausesJob { control.pause(by: "live model", reason: alarm.message) }
        }
    }

    private func append(_ document: some Encodable, kind: String, time: Double, at unixTime: Double) {
        let body = (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        journal.append(PendingEvent(job: job, time: time, unixTime: unixTime, kind: kind, body: body))
    }

    func handle(_ event: JobEvent) {
        let body = (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        journal.append(PendingEvent(job: job, time: event.time, unixTime: Date().timeIntervalSince1970, kind: event.kind.name, body: body))
    }

    func checkpoint(_ checkpoint: ExecutorCheckpoint) {
        guard let json = try? encoder.encode(checkpoint) else { return }
        journal.setCheckpoint(job: job, json: json, unixTime: Date().timeIntervalSince1970)
    }
}
