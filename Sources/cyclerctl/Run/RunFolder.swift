import ArgumentParser
import Electrochemistry
import Foundation
import Instruments
import ProtocolEngine

/// The files `cyclerctl run` leaves in its folder besides data.csv, each in
/// the form the offline tool for it reads without editing:
///
/// - `spectrum-K-stepN.csv`: the K-th spectrum, taken in step N
///   (`frequency_Hz,z_real_ohm,z_imag_ohm`), for `eis fit` and `eis kk`;
/// - `polarisation-K-stepN.csv`: the K-th DC polarisation's full-rate trace,
///   seconds since the hold began (`time_s,voltage_V,current_A`), with the
///   applied ΔV and the protocol's steady-state criterion in `#` lines, for
///   `analyze transference|electronic --run FOLDER --step N`.
///
/// Numbers are written in Swift's shortest round-trip form, so a tool reading
/// them gets the very doubles the run analysed.
struct RunFolder {
    let directory: String

    static let dataFile = "data.csv"
    static let resultsFile = "results.json"

    func path(_ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    /// Whether an earlier run left its results here.
    var holdsARun: Bool {
        FileManager.default.fileExists(atPath: path(Self.resultsFile)) || FileManager.default.fileExists(atPath: path(Self.dataFile))
    }

    static func spectrumName(_ index: Int, step: Int) -> String { "spectrum-\(index)-step\(step).csv" }
    static func polarisationName(_ index: Int, step: Int) -> String { "polarisation-\(index)-step\(step).csv" }

    /// data.csv read back as the samples the run recorded, with where in the
    /// protocol each was taken, so the run's analyses can be run again offline.
    func recordedSamples() throws -> [RecordedSample] {
        let series = try SampleFile.read(path: path(Self.dataFile))
        guard let voltage = series.voltage, let step = series.step, let cycle = series.cycle, let stepTime = series.stepTime,
              let stepCharge = series.stepCharge else {
            throw ValidationError("\(path(Self.dataFile)) lacks the voltage, step, cycle, step time or step charge that `cyclerctl run` writes")
        }
        return series.time.indices.map { k in
            let reading = Sample(time: series.time[k], voltage: voltage[k], current: series.current[k],
                                 pressure: series.pressure?[k] ?? nil, temperature: series.temperature?[k] ?? nil)
            return RecordedSample(reading, step: step[k], cycle: cycle[k], stepTime: stepTime[k], stepCharge: stepCharge[k])
        }
    }

    /// Writes `record` as the `index`-th spectrum; returns the file's name.
    func write(_ record: SpectrumRecord, index: Int) throws -> String {
        let name = Self.spectrumName(index, step: record.step)
        // Conditions exactly as recorded (temperature in K, so it reads back to the same double; °C beside it for people).
        var lines = ["# step: \(record.step)", "# cycle: \(record.cycle)", "# mode: \(record.mode.rawValue)",
                     "# voltage_V: \(record.voltage)", "# current_A: \(record.current)"]
        if let label = record.label { lines.append("# label: \(label)") }
        if let t = record.temperature { lines += ["# temperature_degC: \((t - 273.15).formatted(significantDigits: 4))", "# temperature_K: \(t)"] }
        if let p = record.pressure { lines.append("# pressure_Pa: \(p)") }
        lines.append("frequency_Hz,z_real_ohm,z_imag_ohm")
        lines += record.frequency.indices.map { "\(record.frequency[$0]),\(record.real[$0]),\(record.imaginary[$0])" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
        return name
    }

    /// Writes `record`'s hold as the `index`-th polarisation; returns the file's name.
    func write(_ record: PolarisationRecord, index: Int) throws -> String {
        let name = Self.polarisationName(index, step: record.step)
        var lines = ["# step: \(record.step)", "# mode: \(record.mode.rawValue)", "# applied_V: \(record.voltage)",
                     "# steady_change: \(record.steadyChange)", "# steady_window_s: \(record.steadyWindow)",
                     "# reached_steady_state: \(record.reachedSteadyState)"]
        lines.append("time_s,voltage_V,current_A")
        lines += record.time.indices.map { "\(record.time[$0]),\(record.voltage),\(record.current[$0])" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
        return name
    }
}
