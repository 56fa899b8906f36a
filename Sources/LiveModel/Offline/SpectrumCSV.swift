import Foundation
import Numerics

/// Reads an impedance spectrum from `frequency_Hz,z_real_ohm,z_imag_ohm`
/// (what `cyclerctl sim eis` writes; a capacitive arc has a negative
/// imaginary part). The spectrum's time is the number its file name starts
/// with, in seconds on the samples' clock: `7200.csv`, `7200s-after-rest.csv`.
public enum SpectrumCSV {
    public static func read(contentsOf path: String) throws(LiveModelError) -> ImpedanceMeasurement {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let digits = name.prefix { $0.isNumber || $0 == "." }
        guard let time = Double(digits.hasSuffix(".") ? digits.dropLast() : digits) else {
            throw .malformedSpectrum(file: path, message: "the file name must start with the spectrum's time in seconds, e.g. 7200.csv")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .malformedSpectrum(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        var frequencies: [Double] = [], impedance: [Complex<Double>] = []
        for (offset, line) in text.split(separator: "\n").enumerated() {
            let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if offset == 0, cells.first.map({ Double($0) == nil }) == true { continue }
            guard cells.count >= 3, let f = Double(cells[0]), let re = Double(cells[1]), let im = Double(cells[2]), f > 0 else {
                throw .malformedSpectrum(file: path, message: "line \(offset + 1): expected frequency_Hz,z_real_ohm,z_imag_ohm with a positive frequency")
            }
            frequencies.append(f)
            impedance.append(Complex(re, im))
        }
        guard frequencies.count >= 3 else {
            throw .malformedSpectrum(file: path, message: "has \(frequencies.count) points; a spectrum needs at least three")
        }
        return ImpedanceMeasurement(time: time, frequencies: frequencies, impedance: impedance)
    }
}
