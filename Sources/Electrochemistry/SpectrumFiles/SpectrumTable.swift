import Numerics

/// The spectrum in a table: frequency, Z′ and Z″ columns found by name,
/// each in the unit its header gives (`Re(Z)/kOhm` is read as kΩ).
///
/// A leading minus in the imaginary column's name (`-Im(Z)`, `-Z''`) means
/// the file stores −Z″, as Nyquist plots draw it; the reader flips it back so
/// a capacitive arc always has a negative imaginary part.
enum SpectrumTable {
    /// - Throws: `DataFileError` naming a missing column or unit at the
    ///   header, a bad value at its field, and the point `ImpedanceData`
    ///   rejects (NaN, duplicate frequency, a single point).
    static func parse(_ table: TextTable) throws(DataFileError) -> ImpedanceData {
        let frequency = table.column(.frequency, context: .spectrum), real = table.column(.real, context: .spectrum)
        let imaginary = table.imaginaryColumn()
        guard let frequency, let real, let imaginary else {
            let missing = [frequency == nil ? "frequency (freq/Hz, frequency_Hz)" : nil,
                           real == nil ? "real part (Re(Z)/Ohm, z_real_ohm, Z'/kOhm)" : nil,
                           imaginary == nil ? "imaginary part (-Im(Z)/Ohm, z_imag_ohm, -Z''/Ohm, Im(Z)/Ohm)" : nil].compactMap { $0 }
            let found = table.header.map { "'\($0.text)'" }.joined(separator: ", ")
            throw table.error(.missingColumn, line: table.headerLine, column: 1,
                              "the header has no column for the \(missing.joined(separator: ", or the ")); columns found: \(found)")
        }
        for row in table.rows where row.fields.count <= max(frequency, real, imaginary.index) {
            throw table.error(.missingField, line: row.line, column: (row.fields.last.map { $0.column + $0.text.count } ?? 0) + 1,
                              "\(row.fields.count) field\(row.fields.count == 1 ? "" : "s") but the header puts data in column "
                                  + "\(max(frequency, real, imaginary.index) + 1); every row needs frequency, real and imaginary values")
        }
        let f = try table.values(frequency, role: .frequency).map { $0! }
        let re = try table.values(real, role: .real).map { $0! }
        let im = try table.values(imaginary.index, role: .imaginary(negated: imaginary.negated)).map { $0! }
        let impedances = re.indices.map { Complex(re[$0], imaginary.negated ? -im[$0] : im[$0]) }
        do {
            return try ImpedanceData(frequencies: f, impedances: impedances)
        } catch {
            let row = error.index < table.rows.count ? table.rows[error.index] : nil
            let field = error.code == .notFinite ? real : frequency
            let message = error.code == .tooFewPoints
                ? "the file holds \(f.count) data point\(f.count == 1 ? "" : "s"); a spectrum needs at least 2, and a fit more than its parameters"
                : error.message
            throw table.error(.invalidData, line: row?.line ?? table.headerLine, column: row?.fields[field].column ?? 1, message)
        }
    }
}
