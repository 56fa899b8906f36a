import Electrochemistry
import Foundation

/// Reads one spectrum of a series: the file is any format `SpectrumFile`
/// reads (what `cyclerctl sim eis` writes, other CSVs with a header, EC-Lab
/// `.mpt`), and its time is the number its file name starts with, in seconds
/// on the samples' clock: `7200.csv`, `7200s-after-rest.csv`.
public enum SpectrumCSV {
    public static func read(contentsOf path: String) throws(LiveModelError) -> ImpedanceMeasurement {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let digits = name.prefix { $0.isNumber || $0 == "." }
        guard let time = Double(digits.hasSuffix(".") ? digits.dropLast() : digits) else {
            throw .malformedSpectrum(file: path, message: "the file name must start with the spectrum's time in seconds, e.g. 7200.csv")
        }
        let data: ImpedanceData
        do {
            data = try SpectrumFile.read(path: path)
        } catch {
            throw .malformedSpectrum(file: path, message: "line \(error.line), column \(error.column): \(error.message)")
        }
        guard data.frequencies.count >= 3 else {
            throw .malformedSpectrum(file: path, message: "has \(data.frequencies.count) points; a spectrum needs at least three")
        }
        return ImpedanceMeasurement(time: time, frequencies: data.frequencies, impedance: data.impedances)
    }
}
