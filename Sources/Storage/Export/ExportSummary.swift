/// What an export wrote, for the command to report.
public struct ExportSummary: Sendable, Hashable {
    public var samples: Int
    public var events: Int
    public var spectra: Int
    public var spectrumPoints: Int
}
