import Foundation

/// Reads impedance spectra from the text files labs exchange: CSV (or tab-
/// or semicolon-separated) tables with a header naming frequency, real and
/// imaginary parts with their units, EC-Lab's ASCII export (`.mpt`), Gamry's
/// `.DTA` and ZPlot/ZView's `.z`.
public enum SpectrumFile {
    /// Reads and parses the file at `path`.
    ///
    /// - Throws: `SpectrumFileError` naming the file, line and column.
    public static func read(path: String) throws(SpectrumFileError) -> ImpedanceData {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpectrumFileError(code: .unreadable, file: path, line: 0, column: 0,
                                    message: "cannot read the file; check that it exists and is readable")
        }
        return try decode(data, file: path)
    }

    /// Parses the bytes of a spectrum file (or of a pipe) read from `file`
    /// (used only in messages).
    public static func decode(_ data: Data, file: String) throws(SpectrumFileError) -> ImpedanceData {
        try SpectrumTable.parse(try table(TextTable.lines(of: data), file: file))
    }

    /// Parses `text` read from `file` (used only in messages), choosing the
    /// format from its first line.
    public static func parse(_ text: String, file: String) throws(SpectrumFileError) -> ImpedanceData {
        try SpectrumTable.parse(try table(TextTable.lines(of: text), file: file))
    }

    private static func table(_ lines: [Substring], file: String) throws(SpectrumFileError) -> TextTable {
        let first = lines.first ?? ""
        if first.hasPrefix(ECLabText.signature) { return try ECLabText.table(lines, file: file) }
        if first.hasPrefix(GamryText.signature) { return try GamryText.table(lines, named: GamryText.spectrumCurves, file: file) }
        if first.hasPrefix(ZPlotText.signature) { return try ZPlotText.table(lines, file: file) }
        guard let headerIndex = lines.firstIndex(where: {
            let t = $0.trimmingCharacters(in: " \t")
            return !t.isEmpty && !t.hasPrefix("#")
        }) else {
            throw SpectrumFileError(code: .missingHeader, file: file, line: 1, column: 1,
                                    message: "the file is empty; expected a header such as frequency_Hz,z_real_ohm,z_imag_ohm and one point per line")
        }
        let header = lines[headerIndex]
        let delimiter = TextTable.delimiter(of: header)
        if DelimitedLine(header, delimiter: delimiter).fields.allSatisfy({ DelimitedLine.number($0, decimalComma: delimiter != ",") != nil }) {
            throw SpectrumFileError(code: .missingHeader, file: file, line: headerIndex + 1, column: 1,
                                    message: "the first line holds numbers, not column names; add a header such as frequency_Hz,z_real_ohm,z_imag_ohm (or -Im(Z)/Ohm for −Z″)")
        }
        return TextTable(lines: lines, headerIndex: headerIndex, dataIndex: headerIndex + 1, file: file)
    }
}
