import Foundation

/// Reads impedance spectra from the text files labs exchange: CSV (or tab-
/// or semicolon-separated) tables with a header naming frequency, real and
/// imaginary parts, and EC-Lab's ASCII export (`.mpt`).
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
        // EC-Lab writes ISO-8859-1 (°, ², µ in its header); anything not UTF-8 is read as that.
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
        return try parse(text, file: file)
    }

    /// Parses `text` read from `file` (used only in messages), choosing the
    /// format from its first line.
    public static func parse(_ text: String, file: String) throws(SpectrumFileError) -> ImpedanceData {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == "\r" ? $0.dropLast() : $0 }
        if lines.first?.hasPrefix(ECLabText.signature) == true {
            return try ECLabText.parse(lines, file: file)
        }
        return try DelimitedSpectrum.parse(lines, file: file)
    }
}
