import Hummingbird

/// A token to make: its name and role.
public struct TokenRequest: Codable, Sendable {
    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// A token as listed; `token` (the secret) only in the answer that made it.
public struct TokenView: ResponseCodable, Sendable {
    public var name: String
    public var role: Role
    public var createdAt: Double
    public var token: String?
}

