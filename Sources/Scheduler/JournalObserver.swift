import Foundation
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
    /// Called with each event after it is journaled (the channel reacts to alarms).
    var onEvent: ((JobEvent) -> Void)?

    init(journal: ChannelJournal, job: Int64) {
        self.journal = journal
        self.job = job
    }

    func record(_ s: RecordedSample) {
        journal.append(PendingSample(job: job, time: s.time, unixTime: Date().timeIntervalSince1970, voltage: s.voltage,
                                     current: s.current, pressure: s.pressure, temperature: s.temperature, step: s.step,
                                     cycle: s.cycle, stepTime: s.stepTime, stepCharge: s.stepCharge))
    }

    func handle(_ event: JobEvent) {
        let body = (try? encoder.encode(event)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        journal.append(PendingEvent(job: job, time: event.time, unixTime: Date().timeIntervalSince1970, kind: event.kind.name, body: body))
        onEvent?(event)
    }

    func checkpoint(_ checkpoint: ExecutorCheckpoint) {
        guard let json = try? encoder.encode(checkpoint) else { return }
        journal.setCheckpoint(job: job, json: json, unixTime: Date().timeIntervalSince1970)
    }
}
