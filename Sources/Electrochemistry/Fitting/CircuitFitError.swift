/// Why a fit could not be made.
public struct CircuitFitError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// Fewer residuals (2 per point) than parameters.
        case tooFewPoints
        /// Bounds that name no parameter, or exclude the start.
        case invalidBounds
        /// A starting point of the wrong length or outside the bounds.
        case invalidStart
        /// Every start ended in non-finite values.
        case noConvergence
    }

    public var code: Code
    /// What is wrong and what would be valid.
    public var message: String

    public var description: String { message }
}
