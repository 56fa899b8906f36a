import Foundation

/// A written unit such as `mAh/cm²` or `Ω·cm2`, read left to right into factors.
///
/// Grammar: factors joined by `/`, `*`, `·` or whitespace; each factor is a symbol
/// with an optional SI prefix and an optional exponent (`2`, `^2`, `^-1`, `-2`, `²`, `⁻¹`).
struct UnitExpression: Sendable {
    struct Factor: Sendable {
        let definition: UnitDefinition
        let prefixExponent: Int
        let display: String
        let exponent: Int
    }

    let factors: [Factor]

    /// Prefixes are summed as a power of ten before scaling, so `1 cm3` is exactly 1e-6 m³.
    var scale: Double {
        let decimalExponent = factors.reduce(0) { $0 + $1.prefixExponent * $1.exponent }
        return factors.reduce(pow(10, Double(decimalExponent))) {
            $0 * pow($1.definition.scale, Double($1.exponent))
        }
    }

    var dimension: PhysicalDimension {
        factors.reduce(.dimensionless) { $0 * $1.definition.dimension.raised(to: $1.exponent) }
    }

    /// A lone `C`, the symbol shared by the C-rate and a careless °C.
    var isBareCRate: Bool {
        factors.count == 1 && factors[0].definition.symbol == UnitTable.cRate.symbol && factors[0].exponent == 1
    }

    /// °C is affine only when it stands alone: `25 degC` is an absolute temperature,
    /// but in `degC/min` it is a temperature difference and scales like kelvin.
    private var offset: Double {
        guard factors.count == 1, let only = factors.first, only.exponent == 1 else { return 0 }
        return only.definition.offset
    }

    func siValue(of number: Double) -> Double {
        number * scale + offset
    }

    func number(fromSI value: Double) -> Double {
        (value - offset) / scale
    }

    /// Typeset form for output, e.g. `mA/cm²` for `mA/cm^2`.
    var display: String {
        let numerator = factors.filter { $0.exponent > 0 }
            .map { $0.display + UnitSuperscript.exponent($0.exponent) }
        let denominator = factors.filter { $0.exponent < 0 }
            .map { "/" + $0.display + UnitSuperscript.exponent(-$0.exponent) }
        return (numerator.isEmpty ? "1" : numerator.joined(separator: "·")) + denominator.joined()
    }
}

extension UnitExpression {
    /// Joining operators, mapped to the sign they give the next factor's exponent.
    private static let operators: [Character: Int] = ["/": -1, "*": 1, "·": 1, "⋅": 1]
    private static let signs: [Character: Int] = [
        "-": -1, "+": 1, UnitSuperscript.minus: -1, UnitSuperscript.plus: 1,
    ]
    /// Exponents beyond this are typos in practice, and bounding them keeps dimension
    /// arithmetic far from overflow.
    private static let maximumExponent = 9

    /// Parses a standalone unit string such as a default unit or an output unit.
    static func parse(_ text: String) throws(QuantityError) -> UnitExpression {
        var cursor = QuantityCursor(text)
        cursor.skipWhitespace()
        return try parse(&cursor)
    }

    /// Parses from the cursor to the end of the text.
    static func parse(_ cursor: inout QuantityCursor) throws(QuantityError) -> UnitExpression {
        var factors = [try parseFactor(&cursor, sign: 1, after: nil)]
        while true {
            let factorEnd = cursor.index
            cursor.skipWhitespace()
            guard let next = cursor.current else { break }
            if let sign = operators[next] {
                cursor.advance()
                cursor.skipWhitespace()
                factors.append(try parseFactor(&cursor, sign: sign, after: next))
            } else if cursor.index > factorEnd {
                factors.append(try parseFactor(&cursor, sign: 1, after: nil))
            } else {
                throw cursor.error(
                    .malformedUnit, at: cursor.index,
                    "unexpected \"\(next)\" in the unit of \"\(cursor.text)\"; "
                        + "write exponents like cm2, cm^2, cm² or s^-1")
            }
        }
        return UnitExpression(factors: factors)
    }

    private static func parseFactor(
        _ cursor: inout QuantityCursor, sign: Int, after separator: Character?
    ) throws(QuantityError) -> Factor {
        let start = cursor.index
        let symbol = cursor.consume(while: isSymbolCharacter)
        guard !symbol.isEmpty else {
            let place = separator.map { "after \"\($0)\"" } ?? "here"
            throw cursor.error(
                .malformedUnit, at: start,
                "expected a unit symbol \(place) in \"\(cursor.text)\", e.g. \"mA/cm2\"")
        }
        guard let unit = UnitTable.lookup(symbol) else {
            throw unknownUnit(symbol, at: start, in: cursor.text)
        }
        let exponent = try parseExponent(&cursor) ?? 1
        return Factor(
            definition: unit.definition, prefixExponent: unit.prefixExponent, display: unit.display,
            exponent: sign * exponent)
    }

    /// Reads `2`, `^2`, `^-1`, `-2`, `²` or `⁻¹`; nil when no exponent is written.
    private static func parseExponent(_ cursor: inout QuantityCursor) throws(QuantityError) -> Int? {
        let start = cursor.index
        let caret = cursor.consume(["^"]) != nil
        let sign = cursor.consume(Set(signs.keys)).flatMap { signs[$0] }
        let digitsStart = cursor.index
        let digits = cursor.consume(while: {
            $0.isASCII && $0.isWholeNumber || UnitSuperscript.digitValue($0) != nil
        })
        guard !digits.isEmpty else {
            guard caret || sign != nil else { return nil }
            throw cursor.error(
                .malformedUnit, at: digitsStart,
                "expected exponent digits in \"\(cursor.text)\", e.g. cm^2 or s^-1")
        }
        let magnitude = digits.reduce(0) { min($0 * 10 + ($1.wholeNumberValue ?? 0), maximumExponent + 1) }
        guard (1...maximumExponent).contains(magnitude) else {
            throw cursor.error(
                .malformedUnit, at: start,
                "exponent \(cursor.text(from: start)) in \"\(cursor.text)\" is out of range; "
                    + "use 1 to \(maximumExponent), optionally negative")
        }
        return (sign ?? 1) * magnitude
    }

    /// Anything that is not a number, operator, exponent or space belongs to a symbol,
    /// so a typo like `Vx` is reported whole rather than as `V` plus junk.
    private static func isSymbolCharacter(_ character: Character) -> Bool {
        !character.isWhitespace && !character.isWholeNumber && character != "^"
            && operators[character] == nil && signs[character] == nil
    }

    private static func unknownUnit(_ symbol: String, at column: Int, in text: String) -> QuantityError {
        let hint = UnitTable.unprefixable(symbol).map { "\"\($0)\" takes no SI prefix" }
            ?? UnitTable.suggestion(for: symbol).map { "did you mean \"\($0)\"?" }
            ?? "known units are " + UnitTable.definitions.map(\.symbol).joined(separator: ", ")
                + ", with SI prefixes (a f p n u µ m c k M G T) and compounds like mA/cm2"
        return QuantityError(
            .unknownUnit, text: text, column: column, message: "unknown unit \"\(symbol)\" in \"\(text)\"; \(hint)")
    }
}
