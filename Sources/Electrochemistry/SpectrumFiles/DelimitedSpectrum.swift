/// A CSV, tab- or semicolon-separated spectrum: optional `#` comment lines,
/// then a header naming the columns, then one point per line.
enum DelimitedSpectrum {
    static func parse(_ lines: [Substring], file: String) throws(SpectrumFileError) -> ImpedanceData {
        guard let headerIndex = lines.firstIndex(where: {
            let t = $0.trimmingCharacters(in: " \t\r")
            return !t.isEmpty && !t.hasPrefix("#")
        }) else {
            throw SpectrumFileError(code: .missingHeader, file: file, line: 1, column: 1,
                                    message: "the file is empty; expected a header such as frequency_Hz,z_real_ohm,z_imag_ohm and one point per line")
        }
        let header = lines[headerIndex]
        let delimiter: Character = header.contains("\t") ? "\t" : header.contains(";") && !header.contains(",") ? ";" : ","
        let fields = DelimitedLine(header, delimiter: delimiter)
        if fields.fields.allSatisfy({ DelimitedLine.number($0, decimalComma: delimiter != ",") != nil }) {
            throw SpectrumFileError(code: .missingHeader, file: file, line: headerIndex + 1, column: 1,
                                    message: "the first line holds numbers, not column names; add a header such as frequency_Hz,z_real_ohm,z_imag_ohm (or -Im(Z)/Ohm for −Z″)")
        }
        let columns = try SpectrumColumns.locate(fields, file: file, line: headerIndex + 1)
        return try SpectrumTable.parse(lines, from: headerIndex + 1, columns: columns, delimiter: delimiter, file: file)
    }
}
