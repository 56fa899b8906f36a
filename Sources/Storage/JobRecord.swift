import Foundation
import GRDB

/// One job as stored: the protocol and cell texts it was submitted with (so
/// it can be rebuilt after a restart whatever happened to the files), its
/// state and its last checkpoint.
public struct JobRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "job"

    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        case queued, running, paused, completed, failed, stopped

        /// Whether the job will never run again.
        public var isFinished: Bool { self == .completed || self == .failed || self == .stopped }
    }

    public var id: Int64?
    public var channel: String
    public var name: String
    public var protocolFile: String
    public var protocolText: String
    public var cellFile: String
    public var cellText: String
    public var state: State
    /// Why it paused, failed or stopped.
    public var reason: String?
    /// Unix times.
    public var submittedAt: Double
    public var startedAt: Double?
    public var endedAt: Double?
    /// The executor's position, as JSON.
    public var checkpoint: Data?
    public var checkpointAt: Double?

    public init(channel: String, name: String, protocolFile: String, protocolText: String, cellFile: String, cellText: String,
                submittedAt: Double) {
        self.channel = channel
        self.name = name
        self.protocolFile = protocolFile
        self.protocolText = protocolText
        self.cellFile = cellFile
        self.cellText = cellText
        self.state = .queued
        self.submittedAt = submittedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
