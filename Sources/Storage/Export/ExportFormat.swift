/// The file formats a job is exported in.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// The Battery Data Format: BDF's column labels and units, for tools outside the lab.
    case bdf
    /// The project's own column names with their units (`time_s`, `voltage_V`, …), as `cyclerctl run` writes.
    case csv
    /// One document with the job, its samples and its event log (see `JSONJobExport`).
    case json

    /// The name a file in this format ends with (`.bdf.csv` is what batterydf recognises as BDF).
    public var fileExtension: String {
        switch self {
        case .bdf: ".bdf.csv"
        case .csv: ".csv"
        case .json: ".json"
        }
    }
}
