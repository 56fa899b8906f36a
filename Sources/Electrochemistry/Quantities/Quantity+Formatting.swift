import Foundation

extension Quantity {
    /// The value in a lab unit for display, e.g. `0.500 mA/cm²` for `5 A/m²` in `"mA/cm2"`.
    /// Throws if the unit is not of this quantity's dimension, so output can never be
    /// silently labelled with the wrong unit.
    public func formatted(in unit: String, fractionDigits: Int = 3) throws(QuantityError) -> String {
        let expression = try UnitExpression.parse(unit)
        guard expression.dimension == dimension else {
            throw QuantityError(
                .dimensionMismatch, text: unit, column: 0,
                message: "cannot show \(self), \(dimension.withArticle), in \(unit), which is for "
                    + "\(expression.dimension.withArticle); try \"\(dimension.exampleUnit)\"")
        }
        let number = String(format: "%.\(max(fractionDigits, 0))f", expression.number(fromSI: value))
        return "\(number) \(expression.display)"
    }
}
