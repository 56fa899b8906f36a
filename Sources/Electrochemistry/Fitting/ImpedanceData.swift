import Numerics

/// A measured impedance spectrum, checked so that fitting and validation can
/// trust it: at least two points, finite values, positive and distinct
/// frequencies. Points are kept in the order given.
public struct ImpedanceData: Sendable, Hashable {
    /// Frequencies (Hz).
    public let frequencies: [Double]
    /// Impedances (Ω); a capacitive arc has a negative imaginary part.
    public let impedances: [Complex<Double>]

    /// - Throws: `ImpedanceDataError` naming the first offending point (0-based).
    public init(frequencies: [Double], impedances: [Complex<Double>]) throws(ImpedanceDataError) {
        guard frequencies.count == impedances.count else {
            throw ImpedanceDataError(code: .mismatchedLengths, index: min(frequencies.count, impedances.count),
                                     message: "\(frequencies.count) frequencies but \(impedances.count) impedances")
        }
        var seen: [Double: Int] = [:]
        for (k, f) in frequencies.enumerated() {
            guard f.isFinite, f > 0 else {
                throw ImpedanceDataError(code: f.isFinite ? .nonPositiveFrequency : .notFinite, index: k,
                                         message: "frequency \(f) Hz; a frequency must be a finite number above 0")
            }
            let z = impedances[k]
            guard z.real.isFinite, z.imaginary.isFinite else {
                throw ImpedanceDataError(code: .notFinite, index: k,
                                         message: "impedance \(z.real) + \(z.imaginary)j Ω at \(f) Hz is not a finite number")
            }
            if let first = seen[f] {
                throw ImpedanceDataError(code: .duplicateFrequency, index: k,
                                         message: "\(f) Hz appears twice (also point \(first + 1)); keep one sweep per spectrum")
            }
            seen[f] = k
        }
        guard frequencies.count >= 2 else {
            throw ImpedanceDataError(code: .tooFewPoints, index: frequencies.count,
                                     message: "\(frequencies.count) point\(frequencies.count == 1 ? "" : "s"); a spectrum needs at least 2 frequencies, and a fit more points than parameters")
        }
        self.frequencies = frequencies
        self.impedances = impedances
    }

    /// Number of points.
    public var count: Int { frequencies.count }

    /// Angular frequencies (rad/s).
    public var angularFrequencies: [Double] { frequencies.map { 2 * Double.pi * $0 } }

    /// Points sorted from high to low frequency, as a sweep usually runs.
    var descending: [(frequency: Double, impedance: Complex<Double>)] {
        zip(frequencies, impedances).map { ($0, $1) }.sorted { $0.frequency > $1.frequency }
    }
}

/// Why a spectrum cannot be used.
public struct ImpedanceDataError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case mismatchedLengths, notFinite, nonPositiveFrequency, duplicateFrequency, tooFewPoints
    }

    public var code: Code
    /// 0-based index of the offending point (the count for `tooFewPoints`).
    public var index: Int
    /// What is wrong and what would be valid.
    public var message: String

    public var description: String { "point \(index + 1): \(message)" }
}
