/// A database that cannot be opened, written or read, naming the file and what to do.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case cannotOpen
        case writeFailed
        case readFailed
        case notFound
    }

    public var code: Code
    public var path: String
    public var detail: String

    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String { "database \(path): \(detail)" }
}
