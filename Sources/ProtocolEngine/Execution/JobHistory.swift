/// What a job keeps in memory for its analyses: spectra, polarisations and
/// recorded samples (bounded; the store has them all).
struct JobHistory {
    /// Most samples kept for analyses; beyond it the oldest half is dropped.
    static let sampleCapacity = 2_000_000

    var spectra: [SpectrumRecord] = []
    var polarisations: [PolarisationRecord] = []
    private(set) var samples: [RecordedSample] = []
    /// Samples of the cycle under way.
    private(set) var cycleSamples: [RecordedSample] = []

    mutating func append(_ sample: RecordedSample) {
        if samples.count >= Self.sampleCapacity { samples.removeFirst(Self.sampleCapacity / 2) }
        samples.append(sample)
        cycleSamples.append(sample)
    }

    /// Hands over the finished cycle's samples and starts the next.
    mutating func takeCycleSamples() -> [RecordedSample] {
        defer { cycleSamples = [] }
        return cycleSamples
    }
}
