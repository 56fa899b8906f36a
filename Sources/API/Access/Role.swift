import Hummingbird

/// What a caller may do. Each role may do what the roles below it may.
public enum Role: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// Reads everything: channels, data, events, metrics.
    case viewer
    /// Also submits, pauses, resumes, stops and skips jobs, and acknowledges alarms.
    case `operator`
    /// Also makes and revokes tokens.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Who is asking: a token's name and role, or the local socket's user.
public struct Caller: Sendable, Hashable {
    public var name: String
    public var role: Role

    /// A client on the Unix socket: the file's group already decided it may come in.
    static let local = Caller(name: "local", role: .admin)

    /// Who the API thinks is asking (what the dashboard shows, and which buttons).
    public struct View: ResponseCodable, Sendable {
        public var name: String
        public var role: Role
    }
}
