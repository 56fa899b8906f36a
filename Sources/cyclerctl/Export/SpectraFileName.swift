import Foundation

/// Names the spectra table after the samples file it accompanies: `-spectra`
/// before the file's extensions, so `run.bdf.csv` gets `run-spectra.bdf.csv`
/// and keeps the double extension batterydf recognises BDF by.
enum SpectraFileName {
    static func path(besides samples: String) -> String {
        let url = URL(fileURLWithPath: samples)
        let name = url.lastPathComponent
        let stemEnd = name.dropFirst().firstIndex(of: ".") ?? name.endIndex
        let spectra = name[..<stemEnd] + "-spectra" + name[stemEnd...]
        return samples.contains("/") ? url.deletingLastPathComponent().appendingPathComponent(String(spectra)).path : String(spectra)
    }
}
