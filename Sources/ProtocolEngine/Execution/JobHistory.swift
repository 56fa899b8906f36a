/// What a job keeps in memory for its analyses: spectra, polarisations and
/// recorded samples (bounded; the store has them all).
struct JobHistory {
    /// Most samples kept for analyses; beyond it the oldest half is dropped.
    static let sampleCapacity = 2_000_000

    var spectra: [SpectrumRecord] = []
    var polarisations: [PolarisationRecord] = []
    private(set) var samples: [RecordedSample] = []
    /// Samples of the cycle under way, after the last one recorded before it.
    private(set) var cycleSamples: [RecordedSample] = []

    init() {}

    /// Rebuilt from what a job recorded before a restart: the spectra and
    /// polarisations among its events, and its samples, of which those from
    /// the start of `cycle` (and the one before it) are the cycle under way.
    init(events: [JobEvent], samples recorded: [RecordedSample], cycle: Int) {
        for event in events {
            switch event.kind {
            case .spectrum(let spectrum): spectra.append(spectrum)
            case .polarisation(let polarisation): polarisations.append(polarisation)
            default: break
            }
        }
        samples = Array(recorded.suffix(Self.sampleCapacity))
        let start = samples.firstIndex { $0.cycle >= cycle }.map { max(0, $0 - 1) } ?? max(0, samples.count - 1)
        cycleSamples = Array(samples[start...])
    }

    mutating func append(_ sample: RecordedSample) {
        if samples.count >= Self.sampleCapacity { samples.removeFirst(Self.sampleCapacity / 2) }
        samples.append(sample)
        cycleSamples.append(sample)
    }

    /// Hands over the finished cycle's samples and starts the next.
    ///
    /// The list opens with the last sample recorded before the cycle (from
    /// the cycle before, or before the first): each sample covers the interval
    /// since the one before it, so without it the cycle's first sample would
    /// have no interval to count its charge over.
    mutating func takeCycleSamples() -> [RecordedSample] {
        defer { cycleSamples = samples.last.map { [$0] } ?? [] }
        return cycleSamples
    }
}
