/// A circuit that has no stable time-domain form in cyclerd.
public struct TimeDomainError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// An inductor inside a parallel group makes a non-RC impedance.
        case inductorInParallel
        /// The fitted ladder could not reach the requested accuracy.
        case ladderInaccurate
    }

    public var code: Code
    /// The sub-circuit concerned, in impedance.py syntax.
    public var subcircuit: String
    public var message: String

    public var description: String { "time-domain model of \(subcircuit): \(message)" }
}
