import Foundation

/// A cycling record in cyclerd's sample schema, whatever file it came from:
/// SI values, positive current charging the cell.
public struct SampleSeries: Sendable, Equatable {
    /// What wrote the file (`EC-Lab`, `Gamry`, `Maccor`, `table`).
    public var format: String
    /// 1-based line of each sample in the file.
    public var lines: [Int]
    /// s.
    public var time: [Double]
    /// A; positive charges the cell.
    public var current: [Double]
    /// V; nil when the file has no voltage column.
    public var voltage: [Double]?
    /// K; nil entries where the file has none.
    public var temperature: [Double?]?
    /// Pa.
    public var pressure: [Double?]?
    public var step: [Int]?
    public var cycle: [Int]?
    /// s since the step began, and C passed in it (signed), where the file has them.
    public var stepTime: [Double]?
    public var stepCharge: [Double]?
    /// 1-based character column of each sample's field, by quantity (`time`,
    /// `voltage`, `current`), so a problem with one value can be pointed at.
    public var fieldColumns: [String: [Int]]

    public var count: Int { time.count }
}

/// Reads cycling records from the files labs have: cyclerd's own CSV, EC-Lab
/// `.mpt` and text exports, Neware, Arbin and Maccor CSV or tab exports,
/// Gamry `.DTA` curves.
///
/// Columns are found by name and their units read from the header
/// (`<I>/mA`, `Current(mA)`, `current_A`); a time, voltage, current,
/// temperature or pressure column without a unit is refused, naming the
/// column and how to label it.
public enum SampleFile {
    public static func read(path: String) throws(DataFileError) -> SampleSeries {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(code: .unreadable, file: path, line: 0, column: 0,
                                message: "cannot read the file; check that it exists and is readable")
        }
        return try parse(TextTable.lines(of: data), file: path)
    }

    public static func parse(_ text: String, file: String) throws(DataFileError) -> SampleSeries {
        try parse(TextTable.lines(of: text), file: file)
    }

    static func parse(_ lines: [Substring], file: String) throws(DataFileError) -> SampleSeries {
        let (table, format) = try locate(lines, file: file)
        func column(_ role: ColumnRole) -> Int? { table.column(role, context: .samples) }
        let testTime = table.labels.indices.first {
            ColumnRole.testTimeKeys.contains(table.labels[$0].key) && ColumnRole.role(of: table.labels[$0], in: .samples) == .time
        }
        guard let time = testTime ?? column(.time), let current = column(.current) else {
            let found = table.labels.map { "'\($0.name)'" }.joined(separator: ", ")
            throw table.error(.missingColumn, line: table.headerLine, column: 1,
                              "the header needs a time and a current column (e.g. time_s,voltage_V,current_A); columns found: \(found)")
        }
        guard !table.rows.isEmpty else {
            throw table.error(.invalidData, line: table.headerLine, column: 1, "the file has a header but no samples")
        }
        var amps = try table.values(current, role: .current).map { $0! }
        if let state = column(.state) {
            // Maccor writes |I| and says the direction in State: C(harge), D(ischarge), R(est).
            for (index, letter) in table.texts(state).enumerated() where letter.uppercased().hasPrefix("D") {
                amps[index] = -abs(amps[index])
            }
        }
        func optional(_ role: ColumnRole) throws(DataFileError) -> [Double?]? {
            try column(role).map { (index) throws(DataFileError) in try table.values(index, role: role, optional: true) }
        }
        func counter(_ role: ColumnRole) throws(DataFileError) -> [Int]? {
            try column(role).map { (index) throws(DataFileError) in try table.values(index, role: role).map { Int($0!.rounded()) } }
        }
        let voltage = column(.voltage)
        var fieldColumns: [String: [Int]] = [:]
        for (name, index) in [("time", time), ("current", current), ("voltage", voltage)] {
            if let index { fieldColumns[name] = table.rows.map { index < $0.fields.count ? $0.fields[index].column : 1 } }
        }
        return SampleSeries(
            format: format, lines: table.rows.map(\.line), time: try table.values(time, role: .time).map { $0! }, current: amps,
            voltage: try voltage.map { (index) throws(DataFileError) in try table.values(index, role: .voltage).map { $0! } },
            temperature: try optional(.temperature), pressure: try optional(.pressure),
            step: try counter(.step), cycle: try counter(.cycle),
            stepTime: try column(.stepTime).map { (index) throws(DataFileError) in try table.values(index, role: .stepTime).map { $0! } },
            stepCharge: try column(.stepCharge).map { (index) throws(DataFileError) in try table.values(index, role: .stepCharge).map { $0! } },
            fieldColumns: fieldColumns)
    }

    /// The table inside the file, by the format its first line announces.
    private static func locate(_ lines: [Substring], file: String) throws(DataFileError) -> (TextTable, String) {
        if lines.first?.hasPrefix(ECLabText.signature) == true {
            return (try ECLabText.table(lines, file: file), "EC-Lab")
        }
        if lines.first?.hasPrefix(GamryText.signature) == true {
            return (try GamryText.table(lines, named: GamryText.sampleCurves, file: file), "Gamry")
        }
        guard let header = TextTable.headerIndex(in: lines, roles: [.time, .current], context: .samples) else {
            throw DataFileError(code: .missingHeader, file: file, line: 1, column: 1,
                                message: "no header line names a time or current column; the first line should name the columns "
                                    + "with their units, e.g. time_s,voltage_V,current_A")
        }
        let table = TextTable(lines: lines, headerIndex: header, dataIndex: header + 1, file: file)
        let format = table.column(.state, context: .samples) != nil ? "Maccor" : "table"
        return (table, format)
    }
}
