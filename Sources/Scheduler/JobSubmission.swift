import Foundation
import Storage

/// A new job from a protocol file and a cell file: their texts are stored
/// with the job, so it can be rebuilt after a restart whatever happens to the files.
public enum JobSubmission {
    public static func record(channel: String, protocolFile: String, cellFile: String) throws -> JobRecord {
        func text(_ path: String, _ what: String) throws -> String {
            do {
                return try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw SchedulerError(channel: channel, message: "cannot read \(what) \(path): \(error.localizedDescription)")
            }
        }
        let protocolText = try text(protocolFile, "the protocol")
        let name = protocolText.split(separator: "\n").first { $0.hasPrefix("name:") }
            .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? URL(fileURLWithPath: protocolFile).lastPathComponent
        return JobRecord(channel: channel, name: name, protocolFile: protocolFile, protocolText: protocolText,
                         cellFile: cellFile, cellText: try text(cellFile, "the cell file"), submittedAt: Date().timeIntervalSince1970)
    }
}
