import Foundation

/// Reads samples from any cycler's CSV export by column name, so the live
/// model can run offline over data it did not record.
///
/// Required columns: `time_s`, `current_A` (positive = charge) and
/// `voltage_V`; optional: `pressure_Pa` and `temperature_degC`. Columns may
/// come in any order (`cyclerctl sim cycle` writes voltage before current);
/// others are ignored. An empty or `nan` optional cell means "not measured".
public struct MeasurementCSV: Sendable {
    public static let required = ["time_s", "current_A", "voltage_V"]
    public static let optional = ["pressure_Pa", "temperature_degC"]

    public let file: String
    private let lines: [Substring]
    private let columns: (time: Int, current: Int, voltage: Int, pressure: Int?, temperature: Int?)

    /// Parses the header of `text`.
    ///
    /// - Throws: `LiveModelError.malformedInput` naming a missing column.
    public init(text: String, file: String) throws(LiveModelError) {
        self.file = file
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { lines.removeLast() }
        guard let header = lines.first else {
            throw .malformedInput(file: file, line: 1, message: "the file is empty; expected a header such as time_s,current_A,voltage_V")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        let missing = Self.required.filter { index($0) == nil }
        guard missing.isEmpty, let time = index("time_s"), let current = index("current_A"), let voltage = index("voltage_V") else {
            throw .malformedInput(file: file, line: 1, message:
                "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); the header has \(names.joined(separator: ",")) but needs time_s, current_A and voltage_V (pressure_Pa, temperature_degC optional), in any order")
        }
        self.columns = (time, current, voltage, index("pressure_Pa"), index("temperature_degC"))
        self.lines = Array(lines.dropFirst())
    }

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws(LiveModelError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .malformedInput(file: path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
        try self.init(text: text, file: path)
    }

    /// Calls `body` with every row, in file order.
    ///
    /// - Throws: `LiveModelError.malformedInput` at the first row that is not
    ///   numbers, or whose time goes backwards; or what `body` throws.
    public func forEach(_ body: (Measurement) throws -> Void) throws {
        var lastTime = -Double.infinity
        for (offset, line) in lines.enumerated() {
            let number = offset + 2
            if line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            func value(_ column: Int, _ name: String) throws(LiveModelError) -> Double {
                guard column < cells.count else {
                    throw .malformedInput(file: file, line: number, message: "has \(cells.count) columns; \(name) is column \(column + 1)")
                }
                let text = cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
                guard let x = Double(text), x.isFinite else {
                    throw .malformedInput(file: file, line: number, message: "\(name) is \"\(text)\"; expected a number")
                }
                return x
            }
            func optionalValue(_ column: Int?, _ name: String) throws(LiveModelError) -> Double? {
                guard let column, column < cells.count else { return nil }
                let text = cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || text.lowercased() == "nan" { return nil }
                return try value(column, name)
            }
            let time = try value(columns.time, "time_s")
            guard time >= lastTime else {
                throw LiveModelError.malformedInput(file: file, line: number, message: "time_s goes back from \(lastTime) to \(time) s; rows must be in time order")
            }
            lastTime = time
            let celsius = try optionalValue(columns.temperature, "temperature_degC")
            try body(Measurement(time: time, current: try value(columns.current, "current_A"),
                                 voltage: try value(columns.voltage, "voltage_V"),
                                 pressure: try optionalValue(columns.pressure, "pressure_Pa"),
                                 temperature: celsius.map { $0 + 273.15 }))
        }
    }
}
