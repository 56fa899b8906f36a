/// EC-Lab's ASCII export (`.mpt`): `EC-Lab ASCII FILE`, then
/// `Nb header lines : N`, settings, and on line N the tab-separated column
/// names (`freq/Hz`, `Re(Z)/Ohm`, `<I>/mA`, `Ewe/V`, …); data from line N + 1.
///
/// N counts the column-name line itself. Numbers use the PC's decimal mark,
/// so `7,472730E+000` is read as 7.47273.
enum ECLabText {
    static let signature = "EC-Lab ASCII FILE"

    static func table(_ lines: [Substring], file: String) throws(DataFileError) -> TextTable {
        guard lines.count > 1, let count = headerLineCount(lines[1]) else {
            throw DataFileError(code: .missingHeader, file: file, line: 2, column: 1,
                                message: "expected 'Nb header lines : N' on the second line of an EC-Lab ASCII file; export again with the header included")
        }
        guard count >= 3, count <= lines.count else {
            throw DataFileError(code: .missingHeader, file: file, line: 2, column: 1,
                                message: "'Nb header lines : \(count)' but the file has \(lines.count) lines; the column names are expected on line \(count)")
        }
        return TextTable(lines: lines, headerIndex: count - 1, dataIndex: count, delimiter: "\t", file: file)
    }

    /// N from `Nb header lines : N`.
    static func headerLineCount(_ line: Substring) -> Int? {
        guard line.lowercased().hasPrefix("nb header lines"), let colon = line.firstIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...].trimmingCharacters(in: " \t\r"))
    }
}
