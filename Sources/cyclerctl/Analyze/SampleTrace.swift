import Electrochemistry

/// A recorded trace for the analyses, read by the one sample reader
/// (`SampleFile`): cyclerd's CSV, EC-Lab, Neware, Arbin, Maccor and Gamry
/// exports alike, with units from the header and none guessed.
struct SampleTrace {
    let path: String
    let series: SampleSeries
    let samples: [TraceSample]

    /// - Parameter needsVoltage: without it a missing voltage column reads as 0 V.
    init(path: String, needsVoltage: Bool) throws(AnalysisFileError) {
        let series: SampleSeries
        do {
            series = try SampleFile.read(path: path)
        } catch {
            throw AnalysisFileError(path: path, line: error.line > 0 ? error.line : nil, column: error.column > 0 ? error.column : nil,
                                    message: error.message)
        }
        guard series.voltage != nil || !needsVoltage else {
            throw AnalysisFileError(path: path, line: nil, column: nil,
                                    message: "no voltage column; name one with its unit, e.g. voltage_V or Ewe/V")
        }
        self.path = path
        self.series = series
        let voltage = series.voltage
        samples = series.time.indices.map { TraceSample(time: series.time[$0], voltage: voltage?[$0] ?? 0, current: series.current[$0]) }
    }

    /// Locates an analysis error at the sample's line and the field it names.
    func locate(_ error: AnalysisError) -> AnalysisFileError {
        guard let index = error.index, series.lines.indices.contains(index) else {
            return AnalysisFileError(path: path, message: error.message)
        }
        let column = error.field.flatMap { series.fieldColumns[$0]?[index] } ?? 1
        return AnalysisFileError(path: path, line: series.lines[index], column: column, message: error.message)
    }
}
