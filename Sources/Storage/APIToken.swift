import GRDB

/// A bearer token of the API, as stored: its name, its role and the SHA-256
/// of its secret. The secret itself is shown once, when it is made.
public struct APIToken: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "token"

    public var name: String
    /// `viewer`, `operator` or `admin`.
    public var role: String
    /// Lower-case hex SHA-256 of the secret.
    public var hash: String
    public var createdAt: Double

    public init(name: String, role: String, hash: String, createdAt: Double) {
        self.name = name
        self.role = role
        self.hash = hash
        self.createdAt = createdAt
    }
}

extension Store {
    /// Stores a new token; a name already taken is refused.
    public func insert(_ token: APIToken) throws(StorageError) {
        let exists = try read { db in try APIToken.exists(db, key: token.name) }
        guard !exists else {
            throw StorageError(.writeFailed, path: path, detail: "a token named \(token.name) exists; pick another name or revoke it first")
        }
        try write { db in try token.insert(db) }
    }

    /// The token whose secret hashes to `hash`, if any.
    public func token(hash: String) throws(StorageError) -> APIToken? {
        try read { db in try APIToken.filter(Column("hash") == hash).fetchOne(db) }
    }

    public func tokens() throws(StorageError) -> [APIToken] {
        try read { db in try APIToken.order(Column("name")).fetchAll(db) }
    }

    /// Deletes a token; returns whether there was one of that name.
    @discardableResult
    public func revokeToken(named name: String) throws(StorageError) -> Bool {
        try write { db in try APIToken.deleteOne(db, key: name) }
    }
}
