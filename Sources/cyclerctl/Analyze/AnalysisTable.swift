import Electrochemistry
import Foundation

/// A delimited text table (CSV, or tab-separated as EC-Lab exports) whose
/// header names each column and its unit, read so that every value can be
/// traced back to its line and column.
///
/// Header fields are `name_unit` (`time_s`, `current_A`, what `cyclerctl
/// sim cycle` writes), `name/unit` (`I/mA`, EC-Lab), `name (unit)` or
/// `name [unit]`. Units are anything `Quantity.parse` reads, °C included.
/// Blank lines and lines starting with `#` are skipped.
struct AnalysisTable {
    struct Column {
        var name: String
        var unit: String?
        /// 1-based character column of the header field.
        var column: Int
    }

    struct Row {
        /// 1-based line number in the file.
        var line: Int
        var fields: [(text: Substring, column: Int)]
    }

    let path: String
    let header: [Column]
    let headerLine: Int
    let rows: [Row]

    init(path: String) throws(AnalysisFileError) {
        self.path = path
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AnalysisFileError(path: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        var header: [Column]?
        var headerLine = 0
        var rows: [Row] = []
        var delimiter: Character = ","
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if header == nil {
                delimiter = line.contains("\t") ? "\t" : (line.contains(";") && !line.contains(",") ? ";" : ",")
                header = Self.fields(line, delimiter).map { Self.column($0.text, at: $0.column) }
                headerLine = offset + 1
                continue
            }
            rows.append(Row(line: offset + 1, fields: Self.fields(line, delimiter)))
        }
        guard let header else {
            throw AnalysisFileError(path: path, message: "the file is empty; expected a header line such as time_s,voltage_V,current_A")
        }
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    private static func fields(_ line: Substring, _ delimiter: Character) -> [(text: Substring, column: Int)] {
        var result: [(Substring, Int)] = []
        var start = line.startIndex
        var column = 1
        while true {
            let end = line[start...].firstIndex(of: delimiter) ?? line.endIndex
            let raw = line[start..<end]
            let leading = raw.prefix { $0 == " " }.count
            result.append((raw.trimmingCharacters(in: .whitespaces)[...], column + leading))
            guard end < line.endIndex else { break }
            column += raw.count + 1
            start = line.index(after: end)
        }
        return result
    }

    /// Splits a header field into its name and unit: the first reading whose
    /// unit `Quantity.parse` accepts, trying a bracketed unit, then each `_`
    /// or `/` from the left (so `conductivity_mS/cm` is conductivity in mS/cm
    /// and `r_bulk_Ohm` is r_bulk in Ω). A field with no readable unit is all name.
    private static func column(_ field: Substring, at column: Int) -> Column {
        let text = String(field)
        func isUnit(_ unit: some StringProtocol) -> Bool {
            !unit.isEmpty && (try? Quantity.parse("1 \(unit)")) != nil
        }
        for (open, close) in [("(", ")"), ("[", "]")] {
            if let o = text.firstIndex(of: Character(open)), let c = text.lastIndex(of: Character(close)), o < c,
               isUnit(text[text.index(after: o)..<c]) {
                return Column(name: text[..<o].trimmingCharacters(in: .whitespaces),
                              unit: String(text[text.index(after: o)..<c]), column: column)
            }
        }
        for split in text.indices where text[split] == "_" || text[split] == "/" {
            let unit = text[text.index(after: split)...]
            if isUnit(unit) { return Column(name: String(text[..<split]), unit: String(unit), column: column) }
        }
        return Column(name: text, unit: nil, column: column)
    }

    /// Index of the first column whose name is one of `names` (case-insensitive), or nil.
    func columnIndex(named names: [String]) -> Int? {
        header.firstIndex { names.contains($0.name.lowercased()) }
    }

    /// The values of column `index` in SI, after checking its unit has `dimension`.
    ///
    /// A column without a unit is refused rather than given one: 300 is a
    /// temperature in K or °C, 1 a resistance in Ω or kΩ.
    ///
    /// - Parameter example: a labelled header to suggest, e.g. `temperature_K`.
    /// - Throws: `AnalysisFileError` at the header for a missing or wrong
    ///   unit, or at the cell for a missing or unreadable number.
    func values(_ index: Int, dimension: PhysicalDimension, example: String) throws(AnalysisFileError) -> [Double] {
        let column = header[index]
        guard let unit = column.unit else {
            throw AnalysisFileError(path: path, line: headerLine, column: column.column,
                                    message: "column \(column.name) has no unit; label it with one, e.g. \(example)")
        }
        let scale: (offset: Double, factor: Double)
        do {
            let zero = try Quantity.parse("0 \(unit)", expecting: dimension).value
            scale = (zero, try Quantity.parse("1 \(unit)", expecting: dimension).value - zero)
        } catch {
            throw AnalysisFileError(path: path, line: headerLine, column: column.column,
                                    message: "column \(column.name): unit \"\(unit)\": \(error.message)")
        }
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            guard index < row.fields.count else {
                throw AnalysisFileError(path: path, line: row.line, column: (row.fields.last?.column ?? 1),
                                        message: "the row has \(row.fields.count) fields; column \(column.name) is field \(index + 1)")
            }
            let field = row.fields[index]
            guard let number = Double(field.text), number.isFinite else {
                throw AnalysisFileError(path: path, line: row.line, column: field.column,
                                        message: "column \(column.name): \"\(field.text)\" is not a finite number")
            }
            values.append(scale.offset + scale.factor * number)
        }
        return values
    }

    /// Locates an analysis error: at the row and column of the point and field
    /// to blame, or at the column's header when no one point is.
    func locate(_ error: AnalysisError, columns: [String: Int]) -> AnalysisFileError {
        let index = error.field.flatMap { columns[$0] }
        if let row = error.index.flatMap({ rows.indices.contains($0) ? rows[$0] : nil }) {
            let column = index.flatMap { row.fields.indices.contains($0) ? row.fields[$0].column : nil } ?? 1
            return AnalysisFileError(path: path, line: row.line, column: column, message: error.message)
        }
        if let index {
            return AnalysisFileError(path: path, line: headerLine, column: header[index].column, message: error.message)
        }
        return AnalysisFileError(path: path, message: error.message)
    }
}
