import Foundation

/// Which columns of a table hold frequency, Z′ and Z″, recognised from the
/// names instruments and scripts write: `freq/Hz`, `frequency_Hz`,
/// `Frequency (Hz)`; `Re(Z)/Ohm`, `z_real_ohm`, `Z'`; `-Im(Z)/Ohm`,
/// `z_imag_ohm`, `-Z''`, `Im(Z)`.
///
/// A leading minus in the imaginary column's name (`-Im(Z)`, `-Z''`) means
/// the file stores −Z″, as Nyquist plots draw it; the reader flips it back so
/// a capacitive arc always has a negative imaginary part.
struct SpectrumColumns {
    var frequency: Int
    var real: Int
    var imaginary: Int
    /// Whether the imaginary column holds −Z″.
    var imaginaryNegated: Bool

    enum Role { case frequency, real, imaginary(negated: Bool) }

    /// The role of a column called `name`, or nil.
    static func role(of name: Substring) -> Role? {
        var key = name.trimmingCharacters(in: " \"'\t\r").lowercased()
        // Units: after '/', in trailing parentheses naming a unit, or as a suffix.
        if let slash = key.firstIndex(of: "/") { key = String(key[..<slash]) }
        for unit in ["(hz)", "(ohm)", "(ω)", "(Ω)", "[hz]", "[ohm]", "_hz", "_ohm", "ohm", "hz"] where key.hasSuffix(unit) {
            key = String(key.dropLast(unit.count))
        }
        key = key.filter { $0 != " " && $0 != "_" }
        key = key.replacingOccurrences(of: "″", with: "''").replacingOccurrences(of: "′", with: "'")
            .replacingOccurrences(of: "\"", with: "''")
        var negated = false
        if key.hasPrefix("-") { negated = true; key.removeFirst() }
        if key.hasPrefix("minus") { negated = true; key.removeFirst(5) }
        switch key {
        case "freq", "frequency", "f":
            return negated ? nil : .frequency
        case "re(z)", "zreal", "z'", "zre", "real", "re", "rez", "zr", "realz":
            return negated ? nil : .real
        case "im(z)", "zimag", "z''", "zim", "imag", "im", "imz", "zi", "imagz", "imaginary", "zimaginary":
            return .imaginary(negated: negated)
        default:
            return nil
        }
    }

    /// Finds the three columns in a header line.
    ///
    /// - Throws: `SpectrumFileError` at the header naming what is missing and
    ///   which names are understood.
    static func locate(_ header: DelimitedLine, file: String, line: Int) throws(SpectrumFileError) -> SpectrumColumns {
        var frequency: Int?, real: Int?, imaginary: (Int, Bool)?
        for (index, field) in header.fields.enumerated() {
            switch role(of: field.text) {
            case .frequency?: if frequency == nil { frequency = index }
            case .real?: if real == nil { real = index }
            case .imaginary(let negated)?: if imaginary == nil { imaginary = (index, negated) }
            case nil: continue
            }
        }
        let missing = [frequency == nil ? "frequency (freq/Hz, frequency_Hz)" : nil,
                       real == nil ? "real part (Re(Z)/Ohm, z_real_ohm, Z')" : nil,
                       imaginary == nil ? "imaginary part (-Im(Z)/Ohm, z_imag_ohm, -Z'', Im(Z))" : nil].compactMap { $0 }
        guard let frequency, let real, let imaginary else {
            let found = header.fields.map { "'\($0.text)'" }.joined(separator: ", ")
            throw SpectrumFileError(code: .missingColumn, file: file, line: line, column: 1,
                                    message: "the header has no column for the \(missing.joined(separator: ", or the ")); columns found: \(found)")
        }
        return SpectrumColumns(frequency: frequency, real: real, imaginary: imaginary.0, imaginaryNegated: imaginary.1)
    }
}
