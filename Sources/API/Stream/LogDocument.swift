import Storage

/// One typed document of a channel's event log, as the API sends it (after
/// Bluesky's document model): an event (job and step start and end, spectrum,
/// estimate, alarm, gap, operator action…) or a batch of consecutive samples.
///
/// `seq` is the document's first sequence number and `lastSeq` its last (the
/// same for an event). A client that reconnects with the `lastSeq` of the
/// last document it saw gets the rest, with no gap and nothing twice.
public struct LogDocument: Codable, Sendable, Hashable {
    public var channel: String
    public var seq: Int64
    public var lastSeq: Int64
    /// `samples`, or the event's kind (`jobStarted`, `stepStarted`, `spectrum`, `estimate`, `alarm`, `resumed`, …).
    public var kind: String
    public var job: Int64?
    /// Job time (s) of the event or of the batch's first sample.
    public var time: Double
    public var unixTime: Double
    /// An event's body as the engine recorded it.
    public var body: JSONValue?
    /// A batch's samples, column by column.
    public var samples: SampleColumns?
}

/// Samples as columns, with units in the names (the project's one sample schema).
public struct SampleColumns: Codable, Sendable, Hashable {
    public var seq: [Int64] = []
    public var time_s: [Double] = []
    public var unixTime_s: [Double] = []
    public var voltage_V: [Double] = []
    public var current_A: [Double] = []
    /// Pa; null where the channel has no pressure reading.
    public var pressure_Pa: [Double?] = []
    /// °C; null where the channel has no temperature reading.
    public var temperature_degC: [Double?] = []
    public var step: [Int] = []
    public var cycle: [Int] = []
    public var stepTime_s: [Double] = []
    public var stepCharge_C: [Double] = []
    /// How many samples of the range this batch left out (a slow client's thinned stream); 0 normally.
    public var omitted = 0

    mutating func append(_ s: StoredSample) {
        seq.append(s.seq)
        time_s.append(s.time)
        unixTime_s.append(s.unixTime)
        voltage_V.append(s.voltage)
        current_A.append(s.current)
        pressure_Pa.append(s.pressure)
        temperature_degC.append(s.temperature.map { $0 - 273.15 })
        step.append(s.step)
        cycle.append(s.cycle)
        stepTime_s.append(s.stepTime)
        stepCharge_C.append(s.stepCharge)
    }

    var count: Int { seq.count }
}

extension LogDocument {
    /// Log entries as documents: each event on its own, each run of
    /// consecutive samples as one batch.
    static func documents(channel: String, entries: [LogEntry]) -> [LogDocument] {
        var documents: [LogDocument] = []
        var batch: [StoredSample] = []
        func closeBatch() {
            if let document = batchDocument(channel: channel, batch, keepEvery: 1) { documents.append(document) }
            batch.removeAll()
        }
        for entry in entries {
            switch entry {
            case .sample(let sample):
                batch.append(sample)
            case .event(let event):
                closeBatch()
                documents.append(eventDocument(channel: channel, event))
            }
        }
        closeBatch()
        return documents
    }

    /// A page of entries for a client that has fallen behind, in few
    /// documents: its events in order, except that live-model estimates
    /// (periodic, like samples) keep the last and every n-th before it, few
    /// enough that the page is at most `documentBudget` documents unless
    /// events that are never left out need more; then one batch of every n-th
    /// sample and the last, saying how many it left out, whose `lastSeq` is
    /// the page's last so a reconnect goes on after the page. A slow reader is
    /// limited by documents as much as by bytes, so thinning within batches
    /// alone would not let it catch up.
    static func thinnedDocuments(channel: String, entries: [LogEntry], keepEvery: Int, documentBudget: Int) -> [LogDocument] {
        var documents: [LogDocument] = []
        var samples: [StoredSample] = []
        let events = entries.compactMap { entry -> StoredEvent? in if case .event(let event) = entry { event } else { nil } }
        let estimates = events.filter { $0.kind == "estimate" }.count
        // Room for estimates beside the events always sent and the batch; `stride` is
        // wide enough that the last and every stride-th before it fit in it.
        let room = max(documentBudget - (events.count - estimates) - 1, 1)
        let stride = max(keepEvery, max(estimates - 1, 0) / room + 1)
        var estimatesLeft = estimates
        for entry in entries {
            switch entry {
            case .sample(let sample):
                samples.append(sample)
            case .event(let event):
                if event.kind == "estimate" {
                    estimatesLeft -= 1
                    guard estimatesLeft % stride == 0 else { continue }
                }
                documents.append(eventDocument(channel: channel, event))
            }
        }
        if var batch = batchDocument(channel: channel, samples, keepEvery: keepEvery), let last = entries.last {
            batch.lastSeq = max(batch.lastSeq, last.seq)
            documents.append(batch)
        }
        return documents
    }

    private static func eventDocument(channel: String, _ event: StoredEvent) -> LogDocument {
        LogDocument(channel: channel, seq: event.seq, lastSeq: event.seq, kind: event.kind, job: event.job,
                    time: event.time, unixTime: event.unixTime, body: JSONValue(parsing: event.body), samples: nil)
    }

    /// One batch of `samples`: every `keepEvery`-th and the last, with how many were left out.
    private static func batchDocument(channel: String, _ samples: [StoredSample], keepEvery: Int) -> LogDocument? {
        guard let first = samples.first, let last = samples.last else { return nil }
        var columns = SampleColumns()
        for (index, sample) in samples.enumerated() where index % keepEvery == 0 || index == samples.count - 1 {
            columns.append(sample)
        }
        columns.omitted = samples.count - columns.count
        return LogDocument(channel: channel, seq: first.seq, lastSeq: last.seq, kind: "samples", job: first.job,
                           time: first.time, unixTime: first.unixTime, body: nil, samples: columns)
    }
}
