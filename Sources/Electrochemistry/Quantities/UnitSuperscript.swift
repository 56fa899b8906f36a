/// UnitSuperscript digits, which lab notation uses for unit exponents (`cm²`, `s⁻¹`).
enum UnitSuperscript {
    private static let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    static let minus: Character = "⁻"
    static let plus: Character = "⁺"

    /// The digit value of a superscript digit, or nil for any other character.
    static func digitValue(_ character: Character) -> Int? {
        digits.firstIndex(of: character)
    }

    /// An exponent in superscript; 1 stays implicit as in written units.
    static func exponent(_ exponent: Int) -> String {
        guard exponent != 1 else { return "" }
        let magnitude = String(exponent.magnitude).compactMap { $0.wholeNumberValue.map { digits[$0] } }
        return (exponent < 0 ? String(minus) : "") + String(magnitude)
    }
}
