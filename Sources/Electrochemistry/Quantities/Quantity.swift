/// A value in coherent SI units together with its dimension.
///
/// Storing SI only (A, V, s, m², A·s, K, …) means code never has to ask which unit a
/// number is in; units exist only at the edges, in parsing and formatting.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    /// The magnitude in coherent SI units; C-rates are in nominal capacities per second.
    public let value: Double
    public let dimension: PhysicalDimension

    public init(_ value: Double, _ dimension: PhysicalDimension) {
        self.value = value
        self.dimension = dimension
    }

    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value * rhs.value, lhs.dimension * rhs.dimension)
    }

    public static func / (lhs: Self, rhs: Self) -> Self {
        Self(lhs.value / rhs.value, lhs.dimension / rhs.dimension)
    }

    public static prefix func - (operand: Self) -> Self {
        Self(-operand.value, operand.dimension)
    }

    /// Sums only like quantities; throws instead of trapping because mismatches come
    /// from user-written files, not programmer error.
    public func adding(_ other: Self) throws(QuantityError) -> Self {
        guard dimension == other.dimension else {
            throw QuantityError(
                .dimensionMismatch, text: "\(self)", column: 0,
                message: "cannot add or subtract \(dimension.withArticle) (\(self)) and "
                    + "\(other.dimension.withArticle) (\(other))")
        }
        return Self(value + other.value, dimension)
    }

    public func subtracting(_ other: Self) throws(QuantityError) -> Self {
        try adding(-other)
    }

    /// SI form such as `0.0002 A`; C-rates keep lab form (`C/10`, `2C`) because their
    /// SI value, capacities per second, means nothing to a reader.
    public var description: String {
        if dimension == .cRate {
            let perHour = value / UnitTable.cRate.scale
            let divisor = (1 / perHour).rounded()
            let isFraction = divisor >= 2 && abs(1 / perHour - divisor) <= 1e-9 * divisor
            return isFraction ? "C/\(divisor.compactDescription)" : "\(perHour.compactDescription)C"
        }
        let symbol = dimension.siSymbol
        return symbol.isEmpty ? value.compactDescription : "\(value.compactDescription) \(symbol)"
    }
}

extension Double {
    /// Shortest round-tripping text, without a trailing `.0` on whole numbers.
    var compactDescription: String {
        let text = "\(self)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
