import ArgumentParser
import CellSimulator
import Electrochemistry
import Foundation
import Numerics
import ProtocolEngine

/// The spectra and polarisations of a run folder read back as the records
/// the run's analyses were given.
extension RunFolder {
    /// The `# key: value` lines at the top of one of the run's files.
    static func header(of path: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where line.hasPrefix("# ") {
            let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    /// The folder's files named `prefix-K-stepN.csv`, in K order.
    func numbered(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix + "-"), let dash = name.dropFirst(prefix.count + 1).firstIndex(of: "-"),
                  let index = Int(name[name.index(name.startIndex, offsetBy: prefix.count + 1)..<dash]) else { return nil }
            return (index, name)
        }.sorted { $0.0 < $1.0 }.map { path($0.1) }
    }

    /// Every spectrum of the run, in the order it was taken.
    func spectrumRecords() throws -> [SpectrumRecord] {
        try numbered("spectrum").map { file in
            let data = try SpectrumFile.read(path: file)
            let header = try Self.header(of: file)
            guard let step = header["step"].flatMap(Int.init), let cycle = header["cycle"].flatMap(Int.init),
                  let mode = header["mode"].flatMap(EISSettings.Mode.init), let voltage = header["voltage_V"].flatMap(Double.init),
                  let current = header["current_A"].flatMap(Double.init) else {
                throw ValidationError("\(file) lacks the step, cycle, mode, voltage_V or current_A line that `cyclerctl run` writes")
            }
            let points = zip(data.frequencies, data.impedances).map { ImpedanceSpectrum.Point(frequency: $0, impedance: $1) }
            return SpectrumRecord(ImpedanceSpectrum(points: points), mode: mode, step: step, cycle: cycle, label: header["label"],
                                  voltage: voltage, current: current, temperature: header["temperature_K"].flatMap(Double.init),
                                  pressure: header["pressure_Pa"].flatMap(Double.init))
        }
    }

    /// Every DC polarisation of the run, with the spectra its step took
    /// before and after the hold.
    func polarisationRecords(spectra: [SpectrumRecord]) throws -> [PolarisationRecord] {
        try numbered("polarisation").map { file in
            let series = try SampleFile.read(path: file)
            let header = try Self.header(of: file)
            guard let step = header["step"].flatMap(Int.init), let mode = header["mode"].flatMap(Polarisation.Mode.init),
                  let applied = header["applied_V"].flatMap(Double.init), let change = header["steady_change"].flatMap(Double.init),
                  let window = header["steady_window_s"].flatMap(Double.init) else {
                throw ValidationError("\(file) lacks the step, mode, applied_V, steady_change or steady_window_s line that `cyclerctl run` writes")
            }
            let around = spectra.filter { $0.step == step }
            return PolarisationRecord(mode: mode, voltage: applied, time: series.time, current: series.current,
                                      reachedSteadyState: header["reached_steady_state"] == "true", steadyChange: change,
                                      steadyWindow: window, before: around.first, after: around.count > 1 ? around.last : nil, step: step)
        }
    }
}
