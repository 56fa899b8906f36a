import Foundation

/// Reading quantities the way lab scientists write them: `0.5 mA/cm2`, `C/10`, `25 °C`.
extension Quantity {
    /// Parses a number with an optional unit into SI.
    ///
    /// - Parameters:
    ///   - expecting: if given, a quantity of any other dimension is an error that names
    ///     both, so a typo like `4.2 mA` for a voltage limit cannot slip through.
    ///   - defaultUnit: the unit of a bare number such as `4.2`; without it a bare
    ///     number is dimensionless.
    ///   - spacedCRate: whether `80 C` is a C-rate. Off by default, because lab
    ///     notes write temperatures that way and 80 °C read as 80C is a fire;
    ///     PyBaMM's grammar, where `1 C` can only be a rate, turns it on.
    public static func parse(
        _ text: String, expecting: PhysicalDimension? = nil, defaultUnit: String? = nil, spacedCRate: Bool = false
    ) throws(QuantityError) -> Quantity {
        var cursor = QuantityCursor(text)
        cursor.skipWhitespace()
        guard !cursor.isAtEnd else {
            throw cursor.error(
                .empty, at: 0, "expected a quantity such as \"4.2 V\" or \"C/10\", but the text is empty")
        }
        let start = cursor.index
        let sign: Double = (cursor.consume(["-", "−", "+"]) ?? "+") == "+" ? 1 : -1
        if let rate = try parseCRateFraction(&cursor, sign: sign) {
            let perHour = (rate.value / UnitTable.cRate.scale).compactDescription
            return try check(rate, numberText: perHour, column: start, expecting: expecting, in: cursor)
        }
        let number = try parseNumber(&cursor, sign: sign, start: start)
        let numberEnd = cursor.index
        cursor.skipWhitespace()
        let unitColumn = cursor.isAtEnd ? start : cursor.index
        let unit: UnitExpression? =
            if !cursor.isAtEnd { try UnitExpression.parse(&cursor) }
            else if let defaultUnit { try UnitExpression.parse(defaultUnit) }
            else { nil }
        if !spacedCRate, unitColumn > numberEnd, unit?.isBareCRate == true {
            throw cursor.error(
                .ambiguousUnit, at: unitColumn,
                "\"\(cursor.text.trimmingCharacters(in: .whitespaces))\" is ambiguous: write \"\(number.text) degC\" "
                    + "for a temperature, or a C-rate as \"\(number.text)C\" or \"C/…\"")
        }
        let quantity = unit.map { Quantity($0.siValue(of: number.value), $0.dimension) }
            ?? Quantity(number.value, .dimensionless)
        return try check(quantity, numberText: number.text, column: unitColumn, expecting: expecting, in: cursor)
    }

    /// `C/10` (and a lone `C`) is the one form where the number follows the unit.
    private static func parseCRateFraction(
        _ cursor: inout QuantityCursor, sign: Double
    ) throws(QuantityError) -> Quantity? {
        let isFollowedBySeparator = cursor.character(at: cursor.index + 1)
            .map { $0 == "/" || $0.isWhitespace } ?? true
        guard cursor.current == "C", isFollowedBySeparator else { return nil }
        cursor.advance()
        cursor.skipWhitespace()
        var divisor = 1.0
        if cursor.consume(["/"]) != nil {
            cursor.skipWhitespace()
            let divisorStart = cursor.index
            divisor = try parseNumber(&cursor, sign: 1, start: divisorStart).value
            guard divisor > 0 else {
                throw cursor.error(
                    .badNumber, at: divisorStart, "the divisor in \"\(cursor.text)\" must be positive, e.g. \"C/10\"")
            }
            cursor.skipWhitespace()
        }
        guard cursor.isAtEnd else {
            throw cursor.error(
                .malformedUnit, at: cursor.index,
                "unexpected text after the C-rate in \"\(cursor.text)\"; "
                    + "write C-rates as \"C/10\" or \"2C\"")
        }
        return Quantity(sign / divisor * UnitTable.cRate.scale, .cRate)
    }

    /// Reads `12`, `.5`, `1.`, `1e-3` or `2.5E+6`, the sign having been consumed from
    /// `start`. An exponent is only taken when digits follow, so `1eV` stays 1 eV.
    private static func parseNumber(
        _ cursor: inout QuantityCursor, sign: Double, start: Int
    ) throws(QuantityError) -> (value: Double, text: String) {
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isWholeNumber }
        let digitsStart = cursor.index
        var digitCount = cursor.consume(while: isDigit).count
        if cursor.consume(["."]) != nil {
            digitCount += cursor.consume(while: isDigit).count
        }
        guard digitCount > 0 else {
            throw cursor.error(
                .badNumber, at: digitsStart,
                "expected a number in \"\(cursor.text)\"; write the value before the unit, e.g. \"1 mA\" or \"4.2 V\"")
        }
        if cursor.current == "e" || cursor.current == "E" {
            let afterE = cursor.character(at: cursor.index + 1)
            let firstDigit = cursor.index + (afterE == "+" || afterE == "-" ? 2 : 1)
            if cursor.character(at: firstDigit).map(isDigit) ?? false {
                cursor.advance()
                _ = cursor.consume(["+", "-"])
                _ = cursor.consume(while: isDigit)
            }
        }
        if let stray = cursor.current, stray == "." || isDigit(stray) {
            throw cursor.error(
                .badNumber, at: cursor.index,
                "malformed number in \"\(cursor.text)\"; write numbers like 0.5, 1e-3 or 2.5E+6")
        }
        guard let magnitude = Double(cursor.text(from: digitsStart)), magnitude.isFinite else {
            throw cursor.error(.badNumber, at: digitsStart, "the number in \"\(cursor.text)\" is too large")
        }
        return (sign * magnitude, cursor.text(from: start))
    }

    /// Applies the `expecting:` contract, with a corrected example in the message.
    private static func check(
        _ quantity: Quantity, numberText: String, column: Int,
        expecting: PhysicalDimension?, in cursor: QuantityCursor
    ) throws(QuantityError) -> Quantity {
        guard let expecting, expecting != quantity.dimension else { return quantity }
        let written = cursor.text.trimmingCharacters(in: .whitespaces)
        let example = expecting.example(numberText)
        throw cursor.error(
            .dimensionMismatch, at: column,
            "\"\(written)\" is \(quantity.dimension.withArticle), but \(expecting.withArticle) is expected here, "
                + "e.g. \"\(example)\"")
    }
}
