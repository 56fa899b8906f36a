import Foundation

/// Runs `checker/check_bdf.py` under the venv's batterydf 0.1.0 (`make deps`
/// installs it): the BDF project's own reader and validator, so the export is
/// judged by BDF's code rather than by ours.
enum BatteryDFChecker {
    /// batterydf's verdict on one file (see the script for each field).
    struct Verdict: Decodable {
        var file: String
        var ok: Bool
        var missing: [String]
        var extras: [String]
        var rows: Int
        var monotonic: Bool
        var warnings: [String]
        var columns: [String]
        var last: [String: Double?]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root: three levels above Tests/StorageTests/BDF/.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var python: String { packageRoot + "/.venv/bin/python" }
    static var script: String { packageRoot + "/Tests/StorageTests/BDF/checker/check_bdf.py" }

    /// Checks `files`, returning one verdict each (the script's exit status is not an error: the verdicts say why).
    static func check(_ files: [String]) throws -> [Verdict] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "\(python) is missing: run `make deps`, which installs batterydf into .venv")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + files
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard lines.count == files.count else {
            throw Failure(description: "check_bdf.py exited \(process.terminationStatus) with \(lines.count) verdicts for \(files.count) files: \(messages)")
        }
        return try lines.map { try JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
    }
}
