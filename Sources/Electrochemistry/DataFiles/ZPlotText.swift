/// ZPlot/ZView's `.z` files: `ZPLOT2 ASCII`, settings, `End Comments`, then
/// comma-separated rows in a fixed order the format defines: frequency (Hz),
/// amplitude, bias, time (s), Z′ (Ω), Z″ (Ω), then further columns.
enum ZPlotText {
    static let signature = "ZPLOT2 ASCII"
    static let columns = "Freq(Hz),Ampl,Bias,Time(s),Z'(Ohm),Z''(Ohm),GD,Err,Range"

    static func table(_ lines: [Substring], file: String) throws(DataFileError) -> TextTable {
        guard let end = lines.firstIndex(where: { $0.trimmingCharacters(in: " \t").lowercased().hasPrefix("end comments") }) else {
            throw DataFileError(code: .missingHeader, file: file, line: 1, column: 1,
                                message: "no 'End Comments' line in this ZPlot file; the data follow it")
        }
        // The column names the format defines stand in the place of the line that ends the header.
        var named = lines
        named[end] = columns[...]
        return TextTable(lines: named, headerIndex: end, dataIndex: end + 1, delimiter: ",", file: file)
    }
}
