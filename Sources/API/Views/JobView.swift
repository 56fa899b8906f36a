import Hummingbird
import Storage

/// A job as the API shows it; `protocolText` only when one job is asked for.
public struct JobView: ResponseCodable, Sendable {
    public var id: Int64
    public var channel: String
    public var name: String
    public var state: String
    public var reason: String?
    public var protocolFile: String
    public var cellFile: String
    public var submittedAt: Double
    public var startedAt: Double?
    public var endedAt: Double?
    public var checkpointAt: Double?
    public var protocolText: String?

    init(_ job: JobRecord, withText: Bool = false) {
        id = job.id ?? 0
        channel = job.channel
        name = job.name
        state = job.state.rawValue
        reason = job.reason
        protocolFile = job.protocolFile
        cellFile = job.cellFile
        submittedAt = job.submittedAt
        startedAt = job.startedAt
        endedAt = job.endedAt
        checkpointAt = job.checkpointAt
        protocolText = withText ? job.protocolText : nil
    }
}
