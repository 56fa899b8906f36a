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
    /// consecutive samples as one batch. With `keepEvery` above 1 (a client
    /// that has fallen behind) a batch keeps every n-th sample and its last,
    /// and says how many it left out.
    static func documents(channel: String, entries: [LogEntry], keepEvery: Int = 1) -> [LogDocument] {
        var documents: [LogDocument] = []
        var batch: [StoredSample] = []
        func closeBatch() {
            guard let first = batch.first, let last = batch.last else { return }
            var columns = SampleColumns()
            for (index, sample) in batch.enumerated() where index % keepEvery == 0 || index == batch.count - 1 {
                columns.append(sample)
            }
            columns.omitted = batch.count - columns.count
            documents.append(LogDocument(channel: channel, seq: first.seq, lastSeq: last.seq, kind: "samples", job: first.job,
                                         time: first.time, unixTime: first.unixTime, body: nil, samples: columns))
            batch.removeAll()
        }
        for entry in entries {
            switch entry {
            case .sample(let sample):
                batch.append(sample)
            case .event(let event):
                closeBatch()
                documents.append(LogDocument(channel: channel, seq: event.seq, lastSeq: event.seq, kind: event.kind, job: event.job,
                                             time: event.time, unixTime: event.unixTime, body: JSONValue(parsing: event.body),
                                             samples: nil))
            }
        }
        closeBatch()
        return documents
    }
}
