import Electrochemistry

extension [RecordedSample] {
    /// The samples as an analysis trace.
    var trace: [TraceSample] {
        map { TraceSample(time: $0.time, voltage: $0.voltage, current: $0.current) }
    }
}
