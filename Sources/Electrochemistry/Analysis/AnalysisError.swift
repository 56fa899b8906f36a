/// Why an analysis could not produce a result from the data it was given.
///
/// It names the offending point (by its index in the input, so a caller that
/// read the data from a file can point at the line) and the field, and says
/// what would have been valid.
public struct AnalysisError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Hashable {
        /// Fewer points than the fit or detector needs.
        case tooFewPoints
        /// A NaN or infinity in the data.
        case notFinite
        /// A value that must be positive (temperature, conductivity, area) is not.
        case notPositive
        /// Sample times that do not strictly increase.
        case timeNotIncreasing
        /// A parameter the caller chose (ΔV, R₀, a window) is out of range.
        case invalidParameter
        /// The data holds no usable signal (no current step, no polarisation).
        case noSignal
        /// The fit is singular: every x is the same, or the model cannot be pinned.
        case degenerate
        /// The inputs give a result no material can have (a t₊ above 1).
        case unphysicalResult
    }

    public let code: Code
    /// What is wrong and what would be valid.
    public let message: String
    /// Index (0-based) of the offending point in the input, when one point is
    /// to blame; messages count points from 1, as people do.
    public let index: Int?
    /// The field to blame (`temperature`, `current`, `r0`), when one is.
    public let field: String?

    public init(_ code: Code, _ message: String, index: Int? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.index = index
        self.field = field
    }

    public var description: String { message }
}
