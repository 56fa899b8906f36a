/// A job as an operator submits it: the protocol's text and, optionally, a
/// cell description's text (the channel's configured cell otherwise). The
/// file names are kept for messages and for the record.
public struct JobDraft: Sendable, Hashable {
    public var protocolText: String
    public var protocolFile: String
    public var cellText: String?
    public var cellFile: String?

    public init(protocolText: String, protocolFile: String, cellText: String? = nil, cellFile: String? = nil) {
        self.protocolText = protocolText
        self.protocolFile = protocolFile
        self.cellText = cellText
        self.cellFile = cellFile
    }
}
