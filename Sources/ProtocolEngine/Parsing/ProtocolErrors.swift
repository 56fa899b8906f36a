import CyclerConfiguration

/// Every mistake found in a protocol, in file order, so a user fixes them all
/// in one pass rather than one per run.
public struct ProtocolErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) {
        self.errors = errors.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Collects errors while a reader keeps going past the first one.
struct Diagnostics {
    private(set) var errors: [ConfigurationError] = []

    mutating func report(_ error: ConfigurationError) {
        if !errors.contains(error) { errors.append(error) }
    }

    /// Runs `body`, recording its error and returning nil if it throws.
    mutating func attempt<T>(_ body: () throws(ConfigurationError) -> T) -> T? {
        do {
            return try body()
        } catch {
            report(error)
            return nil
        }
    }
}
