/// The SI-prefix character that ends a MethodSCRIPT number, in data packets
/// and in script literals (`100m`, `5u`, `1k`).
///
/// `i` marks an integer (factor 1). A space is the unit prefix (factor 1).
/// `a`, `f` and `E` are also hex digits, which is why a packet value's seven
/// hex digits are split off by position, never by character class.
public enum MethodSCRIPTPrefix {
    /// The power of ten each prefix stands for.
    public static let exponents: [Character: Int] = [
        "a": -18, "f": -15, "p": -12, "n": -9, "u": -6, "m": -3, " ": 0,
        "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18, "i": 0,
    ]

    /// `mantissa` × 10^`exponent`. Small prefixes divide by an exact power of
    /// ten, so `2779942u` is 2.779942, not 2.7799419999999997.
    static func scale(_ mantissa: Double, exponent: Int) -> Double {
        let power = (0..<abs(exponent)).reduce(1.0) { value, _ in value * 10 }
        return exponent < 0 ? mantissa / power : mantissa * power
    }

    /// Prefixes from the smallest factor up, without the integer marker.
    static let ascending: [(symbol: Character, factor: Double)] = exponents
        .filter { $0.key != "i" }
        .sorted { $0.value < $1.value }
        .map { ($0.key, scale(1, exponent: $0.value)) }

    /// A script literal for `value`: an integer with the largest prefix that
    /// represents it exactly (`3.3` → `3300m`), else with the finest prefix
    /// that fits a 32-bit integer (`1/3` → `333333333n`). Scripts carry no
    /// decimal points or exponents.
    public static func literal(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        let limit = Double(Int32.max)
        func spelled(_ mantissa: Double, _ symbol: Character) -> String {
            "\(Int64(mantissa))" + (symbol == " " ? "" : String(symbol))
        }
        for (symbol, factor) in ascending.reversed() {
            let scaled = value / factor
            let rounded = scaled.rounded()
            guard abs(rounded) < limit else { break }
            if rounded != 0, abs(scaled - rounded) <= 1e-9 * abs(scaled) { return spelled(rounded, symbol) }
        }
        for (symbol, factor) in ascending where abs(value / factor) < limit {
            return spelled((value / factor).rounded(), symbol)
        }
        return spelled(value.rounded(), " ")
    }

    /// The value of a script literal (`100m`, `-5u`, `25`, `25i`, `1.5`), or nil.
    public static func value(ofLiteral text: String) -> Double? {
        guard let last = text.last else { return nil }
        if !last.isNumber, last != ".", let exponent = exponents[last] {
            return Double(text.dropLast()).map { scale($0, exponent: exponent) }
        }
        return Double(text)
    }
}
