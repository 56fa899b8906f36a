/// Names the spectra table after the samples file it accompanies: `-spectra`
/// before the file's extensions, so `run.bdf.csv` gets `run-spectra.bdf.csv`
/// and keeps the double extension batterydf recognises BDF by. The folder
/// part is kept as written (a relative path stays relative).
enum SpectraFileName {
    static func path(besides samples: String) -> String {
        let nameStart = samples.lastIndex(of: "/").map { samples.index(after: $0) } ?? samples.startIndex
        let name = samples[nameStart...]
        // A leading dot names a hidden file, not an extension.
        let stemEnd = name.dropFirst().firstIndex(of: ".") ?? name.endIndex
        return samples[..<stemEnd] + "-spectra" + samples[stemEnd...]
    }
}
