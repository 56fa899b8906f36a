import Electrochemistry
import Foundation

/// The spectrum files named on the command line: files as given, directories
/// expanded to their `.csv`, `.mpt` and `.txt` files in name order (a run's
/// spectra are usually numbered, so name order is time order), and `-` for
/// standard input, so `cyclerctl sim eis … | cyclerctl eis kk -` works.
enum SpectrumInputs {
    static let extensions: Set<String> = ["csv", "mpt", "txt", "tsv"]
    /// The argument that names standard input.
    static let standardInput = "-"

    /// Reads the spectrum at `path`, or from standard input for `-`.
    static func read(_ path: String) throws(SpectrumFileError) -> ImpedanceData {
        guard path == standardInput else { return try SpectrumFile.read(path: path) }
        return try SpectrumFile.decode(FileHandle.standardInput.readDataToEndOfFile(), file: "stdin")
    }

    /// - Returns: the paths, and a message for each argument that is neither
    ///   a readable file nor a directory.
    static func expand(_ arguments: [String]) -> (paths: [String], problems: [String]) {
        var paths: [String] = [], problems: [String] = []
        let fm = FileManager.default
        for argument in arguments {
            if argument == standardInput {
                paths.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                problems.append("\(argument):0:0: no such file or directory")
                continue
            }
            guard isDirectory.boolValue else {
                paths.append(argument)
                continue
            }
            let names = ((try? fm.contentsOfDirectory(atPath: argument)) ?? [])
                .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            if names.isEmpty {
                problems.append("\(argument):0:0: the directory holds no .csv, .mpt or .txt spectra")
            }
            paths += names.map { (argument as NSString).appendingPathComponent($0) }
        }
        return (paths, problems)
    }
}
