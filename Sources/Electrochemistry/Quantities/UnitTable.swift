/// One unit symbol and its SI meaning: `siValue = number * scale + offset`.
struct UnitDefinition: Sendable {
    let symbol: String
    let scale: Double
    let dimension: PhysicalDimension
    /// Whether SI prefixes apply. Off where a prefix would be ambiguous or absurd
    /// (`mC` reads as millicoulomb to most people, not a milli-C-rate; `kmin`).
    let acceptsPrefix: Bool
    /// Non-zero only for affine scales (°C).
    let offset: Double
    /// How the symbol is printed, so `Ohm` and `degC` come out as `Ω` and `°C`.
    let display: String

    init(
        _ symbol: String, _ scale: Double, _ dimension: PhysicalDimension,
        acceptsPrefix: Bool = true, offset: Double = 0, display: String? = nil
    ) {
        self.symbol = symbol
        self.scale = scale
        self.dimension = dimension
        self.acceptsPrefix = acceptsPrefix
        self.offset = offset
        self.display = display ?? symbol
    }
}

/// The unit symbols lab files use. Ordered so that suggestions for typos prefer
/// the commoner unit when two are equally close.
enum UnitTable {
    static let definitions: [UnitDefinition] = [
        UnitDefinition("s", 1, .time),
        UnitDefinition("min", 60, .time, acceptsPrefix: false),
        UnitDefinition("h", 3600, .time, acceptsPrefix: false),
        UnitDefinition("d", 86_400, .time, acceptsPrefix: false),
        UnitDefinition("A", 1, .current),
        UnitDefinition("V", 1, .voltage),
        UnitDefinition("Ω", 1, .resistance),
        UnitDefinition("Ohm", 1, .resistance, display: "Ω"),
        UnitDefinition("ohm", 1, .resistance, display: "Ω"),
        UnitDefinition("S", 1, .conductance),
        UnitDefinition("F", 1, .capacitance),
        UnitDefinition("H", 1, .inductance),
        UnitDefinition("Hz", 1, .frequency),
        UnitDefinition("K", 1, .temperature),
        UnitDefinition("degC", 1, .temperature, acceptsPrefix: false, offset: 273.15, display: "°C"),
        UnitDefinition("°C", 1, .temperature, acceptsPrefix: false, offset: 273.15),
        UnitDefinition("Pa", 1, .pressure),
        UnitDefinition("bar", 1e5, .pressure),
        UnitDefinition("N", 1, .force),
        UnitDefinition("kgf", 9.806_65, .force, acceptsPrefix: false),
        UnitDefinition("m", 1, .length),
        UnitDefinition("g", 1e-3, .mass),
        UnitDefinition("Ah", 3600, .charge),
        UnitDefinition("Wh", 3600, .energy),
        UnitDefinition("W", 1, .power),
        UnitDefinition("J", 1, .energy),
        UnitDefinition("eV", 1.602_176_634e-19, .energy),
        UnitDefinition("%", 0.01, .dimensionless, acceptsPrefix: false),
        cRate,
    ]

    /// SI prefixes as powers of ten, so that scales combine exactly (`mA/cm2` is 10¹).
    static let prefixes: [Character: (exponent: Int, display: String)] = [
        "a": (-18, "a"), "f": (-15, "f"), "p": (-12, "p"), "n": (-9, "n"),
        "u": (-6, "µ"), "µ": (-6, "µ"), "μ": (-6, "µ"), "m": (-3, "m"),
        "c": (-2, "c"), "k": (3, "k"), "M": (6, "M"), "G": (9, "G"), "T": (12, "T"),
    ]

    private static let bySymbol = Dictionary(uniqueKeysWithValues: definitions.map { ($0.symbol, $0) })

    /// `C`: one nominal capacity per hour.
    static let cRate = UnitDefinition("C", 1.0 / 3600, .cRate, acceptsPrefix: false)

    /// Resolves a written symbol such as `mAh` or `°C`: an exact symbol wins over a
    /// prefix reading, so `min` is minutes and never milli-`in`.
    static func lookup(_ symbol: String) -> (definition: UnitDefinition, prefixExponent: Int, display: String)? {
        if let definition = bySymbol[symbol] {
            return (definition, 0, definition.display)
        }
        guard let first = symbol.first, let prefix = prefixes[first],
              let definition = bySymbol[String(symbol.dropFirst())], definition.acceptsPrefix
        else { return nil }
        return (definition, prefix.exponent, prefix.display + definition.display)
    }

    /// The base symbol of a prefixed unit that takes no prefix (`mC`, `kmin`), which
    /// deserves a better message than a spelling suggestion.
    static func unprefixable(_ symbol: String) -> String? {
        guard let first = symbol.first, prefixes[first] != nil,
              let definition = bySymbol[String(symbol.dropFirst())], !definition.acceptsPrefix
        else { return nil }
        return definition.symbol
    }

    /// The closest valid spelling of an unknown symbol (`mOhms` → `mOhm`), if it is
    /// close enough to be an obvious typo.
    static func suggestion(for symbol: String) -> String? {
        var candidates = definitions.map(\.symbol)
        if let first = symbol.first, prefixes[first] != nil {
            candidates += definitions.filter(\.acceptsPrefix).map { String(first) + $0.symbol }
        }
        let written = Array(symbol)
        let ranked = candidates.map { (candidate: $0, distance: editDistance(written, Array($0))) }
        guard let best = ranked.min(by: { $0.distance < $1.distance }),
              best.distance <= 2, best.distance < written.count
        else { return nil }
        return best.candidate
    }

    /// Levenshtein distance over characters.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var row = [i + 1]
            for (j, cb) in b.enumerated() {
                row.append(Swift.min(previous[j + 1] + 1, row[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = row
        }
        return previous[b.count]
    }
}
