import Hummingbird
/// A job to submit or validate: the protocol file's text, and optionally a
/// cell description's text (the channel's configured cell otherwise).
public struct JobRequest: Codable, Sendable {
    public var `protocol`: String
    /// The protocol's file name, for messages and the record.
    public var protocolFile: String?
    public var cell: String?
    public var cellFile: String?

    public init(protocol text: String, protocolFile: String?, cell: String?, cellFile: String?) {
        self.protocol = text
        self.protocolFile = protocolFile
        self.cell = cell
        self.cellFile = cellFile
    }
}

/// Why an operator asks for a pause, resume, stop or skip (kept in the job's log).
public struct ControlBody: Codable, Sendable {
    public var reason: String?

    public init(reason: String?) {
        self.reason = reason
    }
}

/// What validating a job found.
public struct ValidationView: ResponseCodable, Sendable {
    public var valid: Bool
    public var problems: [String]
}

/// An operator request the channel has taken.
public struct AcceptedView: ResponseCodable, Sendable {
    public var accepted: Bool
    public var message: String
}
