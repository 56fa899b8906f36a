import Electrochemistry
import LiveModel

/// The samples `cyclerctl soc` feeds the live model, read by the one sample
/// reader (`SampleFile`) the other offline tools use: cyclerd's CSV and
/// other cyclers' exports alike, units from the header, none guessed.
enum SOCSamples {
    /// - Throws: `SOCInputError` naming the file, line and column of the
    ///   first problem: the reader's, a missing voltage column, or time going back.
    static func read(path: String) throws(SOCInputError) -> [Measurement] {
        let series: SampleSeries
        do { series = try SampleFile.read(path: path) } catch { throw SOCInputError(description: "\(error)") }
        guard let voltage = series.voltage else {
            throw SOCInputError(description: "\(path): no voltage column; name one with its unit, e.g. voltage_V or Ewe/V")
        }
        // The live model integrates current over time; a step back would count charge twice.
        for k in series.time.indices.dropFirst() where series.time[k] < series.time[k - 1] {
            let column = series.fieldColumns["time"]?[k] ?? 1
            throw SOCInputError(description: "\(path):\(series.lines[k]):\(column): time goes back from \(series.time[k - 1]) "
                                    + "to \(series.time[k]) s; rows must be in time order")
        }
        return series.time.indices.map { k in
            Measurement(time: series.time[k], current: series.current[k], voltage: voltage[k],
                        pressure: series.pressure?[k], temperature: series.temperature?[k])
        }
    }
}
