/// What a job keeps in memory for its analyses: spectra, polarisations and
/// recorded samples (bounded; the store has them all).
///
/// Samples are kept only where an analysis will read them: all of them when
/// the protocol has an `analyse` step, the cycle under way when it counts
/// cycles. A months-long job with neither keeps none, so memory stays flat.
struct JobHistory {
    /// Most samples kept for analyses; beyond it the oldest half is dropped.
    static let sampleCapacity = 2_000_000

    /// Which samples the job's analyses read.
    struct Needs {
        var allSamples: Bool
        var cycleSamples: Bool

        static let everything = Needs(allSamples: true, cycleSamples: true)
    }

    let needs: Needs
    var spectra: [SpectrumRecord] = []
    var polarisations: [PolarisationRecord] = []
    private(set) var samples: [RecordedSample] = []
    /// Samples of the cycle under way, after the last one recorded before it.
    private(set) var cycleSamples: [RecordedSample] = []
    /// The newest sample recorded, which opens the next cycle's list.
    private var lastRecorded: RecordedSample?

    init(needs: Needs = .everything) {
        self.needs = needs
    }

    /// Rebuilt from what a job recorded before a restart: the spectra and
    /// polarisations among its events, and its samples, of which those from
    /// the start of `cycle` (and the one before it) are the cycle under way.
    init(events: [JobEvent], samples recorded: [RecordedSample], cycle: Int, needs: Needs = .everything) {
        self.needs = needs
        for event in events {
            switch event.kind {
            case .spectrum(let spectrum): spectra.append(spectrum)
            case .polarisation(let polarisation): polarisations.append(polarisation)
            default: break
            }
        }
        let kept = Array(recorded.suffix(Self.sampleCapacity))
        if needs.allSamples { samples = kept }
        if needs.cycleSamples {
            let start = kept.firstIndex { $0.cycle >= cycle }.map { max(0, $0 - 1) } ?? max(0, kept.count - 1)
            cycleSamples = Array(kept[start...])
        }
        lastRecorded = kept.last
    }

    mutating func append(_ sample: RecordedSample) {
        if needs.allSamples {
            if samples.count >= Self.sampleCapacity { samples.removeFirst(Self.sampleCapacity / 2) }
            samples.append(sample)
        }
        if needs.cycleSamples { cycleSamples.append(sample) }
        lastRecorded = sample
    }

    /// Hands over the finished cycle's samples and starts the next.
    ///
    /// The list opens with the last sample recorded before the cycle (from
    /// the cycle before, or before the first): each sample covers the interval
    /// since the one before it, so without it the cycle's first sample would
    /// have no interval to count its charge over.
    mutating func takeCycleSamples() -> [RecordedSample] {
        defer { cycleSamples = lastRecorded.map { [$0] } ?? [] }
        return cycleSamples
    }
}
