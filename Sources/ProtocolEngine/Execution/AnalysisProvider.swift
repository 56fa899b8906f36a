/// Where the job's analyses come from.
///
/// The engine knows what data each analysis needs and when it is complete; the
/// analyses themselves live in `Electrochemistry` and are wired in by whoever
/// builds the executor (the daemon, `cyclerctl run`). Keeping them behind this
/// seam lets the engine run, and be tested, without them.
public protocol AnalysisProvider: Sendable {
    /// Analyses `request`; nil when the data does not allow it (say why by
    /// throwing instead, and the job records an `analysisFailed` event).
    func analyse(_ request: AnalysisRequest) async throws -> AnalysisResult?
}

/// The data an analysis gets.
public struct AnalysisRequest: Sendable {
    public var kind: AnalysisKind
    public var cell: CellContext
    /// Every spectrum so far, oldest first.
    public var spectra: [SpectrumRecord]
    /// Every polarisation so far, oldest first.
    public var polarisations: [PolarisationRecord]
    /// The recorded samples the analysis covers: for `.cycles` at a cycle's
    /// end, the finished cycle's, after the last sample recorded before it
    /// (which belongs to the cycle before and marks where the first interval
    /// starts); everything recorded so far (up to `JobHistory.sampleCapacity`) otherwise.
    public var samples: [RecordedSample]
    /// The cycle that ended, for `.cycles`.
    public var cycle: Int?

    public init(kind: AnalysisKind, cell: CellContext, spectra: [SpectrumRecord], polarisations: [PolarisationRecord],
                samples: [RecordedSample], cycle: Int? = nil) {
        self.kind = kind
        self.cell = cell
        self.spectra = spectra
        self.polarisations = polarisations
        self.samples = samples
        self.cycle = cycle
    }
}

/// An analysis's numbers, named as a paper would report them.
public struct AnalysisResult: Sendable, Hashable, Codable {
    public struct Value: Sendable, Hashable, Codable {
        public var name: String
        public var value: Double
        /// SI unit symbol, or a lab unit the name makes clear.
        public var unit: String
        public var standardError: Double?

        public init(name: String, value: Double, unit: String, standardError: Double? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.standardError = standardError
        }
    }

    public var kind: AnalysisKind
    public var values: [Value]
    /// The cycle it belongs to (cycle summaries).
    public var cycle: Int?
    /// How the values were obtained.
    public var note: String
    /// What the reader must be told before trusting the values (a Coulombic
    /// efficiency above 100 %, t₊ outside [0, 1], an upper bound): shown
    /// beside them wherever they are shown.
    public var warnings: [String]

    public init(kind: AnalysisKind, values: [Value], cycle: Int? = nil, note: String = "", warnings: [String] = []) {
        self.kind = kind
        self.values = values
        self.cycle = cycle
        self.note = note
        self.warnings = warnings
    }
}
