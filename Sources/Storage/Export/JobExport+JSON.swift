import Foundation

extension JobExport {
    /// Writes the job as one JSON document:
    ///
    /// ```
    /// {"format": "cyclerd-job", "version": 1, "database": PATH,
    ///  "job": {id, channel, name, state, reason?, protocolFile, protocolText, cellFile, cellText,
    ///          submittedAt, startedAt?, endedAt?},              // unix times; absent when unknown
    ///  "samples": [{"seq", "time_s", "unix_time_s", "step", "cycle", "step_time_s", "voltage_V",
    ///               "current_A", "step_charge_C", "pressure_Pa", "temperature_degC"}, …],
    ///  "events": [{"seq", "time_s", "unix_time_s", "kind", "body"}, …]}
    /// ```
    ///
    /// Sample fields are the CSV export's columns (null where a sensor is
    /// missing); each event's `body` is the stored `JobEvent` document as
    /// is, so spectra, cycle summaries and alarms keep every field the engine
    /// wrote. Samples and events share the channel's `seq`, which orders them.
    func writeJSON(to output: TextSink) throws(StorageError) -> ExportSummary {
        try output.write("{\"format\":\"cyclerd-job\",\"version\":1,\"database\":\(Self.jsonString(store.path)),")
        try output.write("\"job\":\(try Self.jsonHeader(job, path: store.path)),")
        try output.write("\"samples\":[")
        var samples = 0
        try store.forEachSample(job: id) { s in
            let fields = [
                "\"seq\":\(s.seq)", "\"time_s\":\(ExportNumber.json(s.time))", "\"unix_time_s\":\(ExportNumber.json(s.unixTime))",
                "\"step\":\(s.step)", "\"cycle\":\(s.cycle)", "\"step_time_s\":\(ExportNumber.json(s.stepTime))",
                "\"voltage_V\":\(ExportNumber.json(s.voltage))", "\"current_A\":\(ExportNumber.json(s.current))",
                "\"step_charge_C\":\(ExportNumber.json(s.stepCharge))", "\"pressure_Pa\":\(ExportNumber.json(s.pressure))",
                "\"temperature_degC\":\(ExportNumber.json(ExportNumber.celsius(s.temperature)))",
            ]
            try output.write((samples == 0 ? "{" : ",{") + fields.joined(separator: ",") + "}")
            samples += 1
        }
        try output.write("],\"events\":[")
        var events = 0
        try store.forEachEvent(job: id) { e in
            let fields = [
                "\"seq\":\(e.seq)", "\"time_s\":\(ExportNumber.json(e.time))", "\"unix_time_s\":\(ExportNumber.json(e.unixTime))",
                "\"kind\":\(Self.jsonString(e.kind))", "\"body\":\(e.body)",
            ]
            try output.write((events == 0 ? "{" : ",{") + fields.joined(separator: ",") + "}")
            events += 1
        }
        try output.write("]}")
        return ExportSummary(samples: samples, events: events, spectra: 0, spectrumPoints: 0)
    }

    /// The job's stored fields, without its checkpoint (the executor's private position).
    private struct Header: Encodable {
        var id: Int64?
        var channel, name, state: String
        var reason: String?
        var protocolFile, protocolText, cellFile, cellText: String
        var submittedAt: Double
        var startedAt, endedAt: Double?
    }

    private static func jsonHeader(_ job: JobRecord, path: String) throws(StorageError) -> String {
        let header = Header(id: job.id, channel: job.channel, name: job.name, state: job.state.rawValue, reason: job.reason,
                            protocolFile: job.protocolFile, protocolText: job.protocolText, cellFile: job.cellFile,
                            cellText: job.cellText, submittedAt: job.submittedAt, startedAt: job.startedAt, endedAt: job.endedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(header), as: UTF8.self)
        } catch {
            throw StorageError(.readFailed, path: path, detail: "job \(job.id ?? 0) cannot be written as JSON: \(error)")
        }
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
