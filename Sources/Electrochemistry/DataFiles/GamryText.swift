/// Gamry Framework's `.DTA` files: `EXPLAIN`, `KEY<tab>TYPE<tab>VALUE`
/// settings, then tables announced by `NAME<tab>TABLE<tab>rows`, each with a
/// line of column names (`Pt Time Freq Zreal Zimag …`), a line of units
/// (`# s Hz ohm ohm …`) and tab-indented rows.
enum GamryText {
    static let signature = "EXPLAIN"
    /// Tables of a cycling or chrono experiment (`T`, `Vf`, `Im`).
    static let sampleCurves = ["CURVE"]
    /// The impedance table of an EIS experiment.
    static let spectrumCurves = ["ZCURVE"]

    static func table(_ lines: [Substring], named names: [String], file: String) throws(DataFileError) -> TextTable {
        let start = lines.firstIndex { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count >= 2 && names.contains(String(fields[0])) && fields[1] == "TABLE"
        }
        guard let start, start + 2 < lines.count else {
            throw DataFileError(code: .missingHeader, file: file, line: 1, column: 1,
                                message: "no \(names.joined(separator: " or ")) table in this Gamry file; "
                                    + "export the experiment's data, not only its settings")
        }
        // A table ends where a line stops being tab-indented (the next table, or EXPERIMENTABORTED).
        return TextTable(lines: lines, headerIndex: start + 1, dataIndex: start + 3, units: start + 2, delimiter: "\t",
                         file: file, isEnd: { !$0.hasPrefix("\t") && !$0.isEmpty })
    }
}
