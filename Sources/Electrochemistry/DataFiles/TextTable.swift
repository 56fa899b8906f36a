import Foundation

/// A delimited text table inside a data file: its header, an optional line
/// of units under it (Gamry), and the data rows, every field located.
///
/// Lines end in LF, CRLF or CR (every Windows export); fields are split by
/// tab, semicolon or comma, whichever the header uses; where commas do not
/// split fields they are decimal marks (`7,47273E+000`).
struct TextTable {
    struct Row {
        /// 1-based line in the file.
        var line: Int
        var fields: [DelimitedLine.Field]
    }

    let file: String
    /// 1-based line of the header.
    let headerLine: Int
    let header: [DelimitedLine.Field]
    let labels: [ColumnLabel]
    let rows: [Row]
    let delimiter: Character

    var decimalComma: Bool { delimiter != "," }

    /// The file's lines, whatever their endings; text that is not UTF-8 is
    /// read as ISO-8859-1, as EC-Lab and Windows tools write °, ² and µ.
    static func lines(of data: Data) -> [Substring] {
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
        return lines(of: text)
    }

    static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so splitting on both separators handles all three endings.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// A table whose header is at 0-based `headerIndex`, with data from
    /// `dataIndex` up to the first line `isEnd` accepts.
    ///
    /// - Parameter units: a separate line of units under the header (Gamry's).
    init(lines: [Substring], headerIndex: Int, dataIndex: Int, units: Int? = nil, delimiter: Character? = nil,
         file: String, isEnd: (Substring) -> Bool = { _ in false }) {
        let headerText = lines[headerIndex]
        let delimiter = delimiter ?? Self.delimiter(of: headerText)
        let header = DelimitedLine(headerText, delimiter: delimiter).fields
        var labels = header.map { ColumnLabel($0.text) }
        if let units {
            let unitFields = DelimitedLine(lines[units], delimiter: delimiter).fields
            for index in labels.indices where index < unitFields.count && labels[index].unit == nil {
                // Gamry writes "V vs. Ref." for potentials: the unit is the first word.
                let word = unitFields[index].text.split(separator: " ").first.map(String.init) ?? ""
                if ColumnUnit.isUnit(word) { labels[index].unit = word }
            }
        }
        var rows: [Row] = []
        for index in dataIndex..<lines.count {
            let line = lines[index]
            if isEnd(line) { break }
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(Row(line: index + 1, fields: DelimitedLine(line, delimiter: delimiter).fields))
        }
        self.file = file
        self.headerLine = headerIndex + 1
        self.header = header
        self.labels = labels
        self.rows = rows
        self.delimiter = delimiter
    }

    /// Tab, then semicolon, then comma: a tab or semicolon table may use
    /// commas as decimal marks, a comma table cannot.
    static func delimiter(of header: Substring) -> Character {
        header.contains("\t") ? "\t" : header.contains(";") ? ";" : ","
    }

    /// The first line, at or after `start`, that names a column with one of
    /// `roles`: the header under any preamble (Maccor's dates, a comment block).
    static func headerIndex(in lines: [Substring], from start: Int = 0, roles: [ColumnRole],
                            context: ColumnRole.Context) -> Int? {
        (start..<lines.count).first { index in
            let line = lines[index]
            guard !line.hasPrefix("#") else { return false }
            let fields = DelimitedLine(line, delimiter: delimiter(of: line)).fields
            return fields.count >= 2 && fields.contains { field in
                ColumnRole.role(of: ColumnLabel(field.text), in: context).map(roles.contains) ?? false
            }
        }
    }

    /// The index of the first column with `role`.
    func column(_ role: ColumnRole, context: ColumnRole.Context) -> Int? {
        labels.firstIndex { ColumnRole.role(of: $0, in: context) == role }
    }

    /// The index of the first imaginary-part column, and whether it holds −Z″.
    func imaginaryColumn() -> (index: Int, negated: Bool)? {
        for (index, label) in labels.enumerated() {
            if case .imaginary(let negated)? = ColumnRole.role(of: label, in: .spectrum) { return (index, negated) }
        }
        return nil
    }

    func error(_ code: DataFileError.Code, line: Int, column: Int, _ message: String) -> DataFileError {
        DataFileError(code: code, file: file, line: line, column: column, message: message)
    }

    /// Column `index` in SI, its unit read from the header.
    ///
    /// - Parameter optional: empty and `nan` fields are nil rather than errors.
    /// - Throws: at the header for a missing or wrong unit, at the field for
    ///   a value that is not a finite number.
    func values(_ index: Int, role: ColumnRole, optional: Bool = false) throws(DataFileError) -> [Double?] {
        let label = labels[index]
        let unit = label.unit ?? ColumnRole.impliedUnits[label.key]
        let scale: ColumnUnit.Scale
        if let dimension = role.dimension {
            do {
                scale = try ColumnUnit.scale(unit, dimension: dimension, column: header[index].text.trimmingCharacters(in: " \""),
                                             example: role.example)
            } catch {
                throw self.error(.missingUnit, line: headerLine, column: header[index].column, error.message)
            }
        } else {
            scale = .linear(factor: 1, offset: 0)
        }
        var values: [Double?] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            guard index < row.fields.count else {
                if optional { values.append(nil); continue }
                throw error(.missingField, line: row.line, column: (row.fields.last?.column ?? 1),
                            "the row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"); "
                                + "column '\(label.name)' is field \(index + 1)")
            }
            let field = row.fields[index]
            let text = field.text.trimmingCharacters(in: " \"")
            if optional, text.isEmpty || text.lowercased() == "nan" { values.append(nil); continue }
            let value: Double? = switch scale {
            case .clock: ColumnUnit.seconds(clock: text, decimalComma: decimalComma)
            case .linear(let factor, let offset):
                DelimitedLine.number(field, decimalComma: decimalComma).map { offset + factor * $0 }
            }
            guard let value else {
                throw error(.badNumber, line: row.line, column: field.column, "column '\(label.name)': '\(text)' is not a number")
            }
            guard value.isFinite else {
                throw error(.invalidData, line: row.line, column: field.column,
                            "column '\(label.name)' is \(text); every value must be a finite number (remove or remeasure this point)")
            }
            values.append(value)
        }
        return values
    }

    /// Column `index` as text, for letters such as Maccor's state.
    func texts(_ index: Int) -> [String] {
        rows.map { index < $0.fields.count ? $0.fields[index].text.trimmingCharacters(in: " \"") : "" }
    }
}
