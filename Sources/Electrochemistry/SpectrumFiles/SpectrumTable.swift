import Numerics

/// The data rows of a delimited spectrum table, after its header: one
/// (frequency, Z′, Z″) per line, each value located for error messages.
enum SpectrumTable {
    /// Parses `lines[firstDataLine...]` (0-based indices into `lines`).
    ///
    /// Blank lines and lines starting with `#` are skipped.
    ///
    /// - Throws: `SpectrumFileError` at the first field that is missing or
    ///   not a number, and at the point `ImpedanceData` rejects (NaN,
    ///   duplicate frequency, a single point).
    static func parse(_ lines: [Substring], from firstDataLine: Int, columns: SpectrumColumns, delimiter: Character,
                      file: String) throws(SpectrumFileError) -> ImpedanceData {
        let decimalComma = delimiter != ","
        var frequencies: [Double] = [], impedances: [Complex<Double>] = []
        // Line and field columns of each point, to locate ImpedanceData's complaints.
        var locations: [(line: Int, frequency: Int, real: Int)] = []
        let needed = max(columns.frequency, columns.real, columns.imaginary) + 1
        for index in firstDataLine..<lines.count {
            let text = lines[index]
            let trimmed = text.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let row = DelimitedLine(text, delimiter: delimiter)
            let lineNumber = index + 1
            guard row.fields.count >= needed else {
                let end = text.count + 1
                throw SpectrumFileError(code: .missingField, file: file, line: lineNumber, column: end,
                                        message: "\(row.fields.count) field\(row.fields.count == 1 ? "" : "s") but the header puts data in column \(needed); every row needs frequency, real and imaginary values")
            }
            var values: [Double] = []
            for (name, position) in [("frequency", columns.frequency), ("real part", columns.real), ("imaginary part", columns.imaginary)] {
                let field = row.fields[position]
                guard let value = DelimitedLine.number(field, decimalComma: decimalComma) else {
                    throw SpectrumFileError(code: .badNumber, file: file, line: lineNumber, column: field.column,
                                            message: "the \(name) '\(field.text)' is not a number")
                }
                guard value.isFinite else {
                    throw SpectrumFileError(code: .invalidData, file: file, line: lineNumber, column: field.column,
                                            message: "the \(name) is \(field.text); every value must be a finite number (remove or remeasure this point)")
                }
                values.append(value)
            }
            frequencies.append(values[0])
            impedances.append(Complex(values[1], columns.imaginaryNegated ? -values[2] : values[2]))
            locations.append((lineNumber, row.fields[columns.frequency].column, row.fields[columns.real].column))
        }
        do {
            return try ImpedanceData(frequencies: frequencies, impedances: impedances)
        } catch {
            let location = error.index < locations.count ? locations[error.index] : nil
            let line = location?.line ?? lines.count
            let column = error.code == .notFinite && location != nil ? location!.real : location?.frequency ?? 1
            let message = error.code == .tooFewPoints
                ? "the file holds \(frequencies.count) data point\(frequencies.count == 1 ? "" : "s"); a spectrum needs at least 2, and a fit more than its parameters"
                : error.message
            throw SpectrumFileError(code: .invalidData, file: file, line: line, column: column, message: message)
        }
    }
}
