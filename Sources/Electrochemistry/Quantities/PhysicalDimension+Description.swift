/// Human names for the dimensions that show up in lab files, so error messages can
/// say "a current (A)" instead of listing exponents.
extension PhysicalDimension: CustomStringConvertible {
    struct Naming: Sendable {
        /// What a scientist calls the quantity, e.g. "areal current".
        let name: String
        /// Its coherent SI unit, e.g. "A/m²".
        let siSymbol: String
        /// A parseable unit typical for lab files, used in "e.g." hints.
        let exampleUnit: String
    }

    static let namings: [PhysicalDimension: Naming] = [
        .dimensionless: Naming(name: "dimensionless number", siSymbol: "", exampleUnit: ""),
        .length: Naming(name: "length", siSymbol: "m", exampleUnit: "µm"),
        .mass: Naming(name: "mass", siSymbol: "kg", exampleUnit: "mg"),
        .time: Naming(name: "time", siSymbol: "s", exampleUnit: "s"),
        .current: Naming(name: "current", siSymbol: "A", exampleUnit: "mA"),
        .temperature: Naming(name: "temperature", siSymbol: "K", exampleUnit: "K"),
        .area: Naming(name: "area", siSymbol: "m²", exampleUnit: "cm²"),
        .frequency: Naming(name: "frequency", siSymbol: "Hz", exampleUnit: "Hz"),
        .force: Naming(name: "force", siSymbol: "N", exampleUnit: "N"),
        .pressure: Naming(name: "pressure", siSymbol: "Pa", exampleUnit: "MPa"),
        .energy: Naming(name: "energy", siSymbol: "J", exampleUnit: "mWh"),
        .power: Naming(name: "power", siSymbol: "W", exampleUnit: "mW"),
        .charge: Naming(name: "charge", siSymbol: "A·s", exampleUnit: "mAh"),
        .voltage: Naming(name: "voltage", siSymbol: "V", exampleUnit: "V"),
        .resistance: Naming(name: "resistance", siSymbol: "Ω", exampleUnit: "Ω"),
        .conductance: Naming(name: "conductance", siSymbol: "S", exampleUnit: "mS"),
        .conductivity: Naming(name: "conductivity", siSymbol: "S/m", exampleUnit: "mS/cm"),
        .capacitance: Naming(name: "capacitance", siSymbol: "F", exampleUnit: "µF"),
        .inductance: Naming(name: "inductance", siSymbol: "H", exampleUnit: "nH"),
        .arealCurrent: Naming(name: "areal current", siSymbol: "A/m²", exampleUnit: "mA/cm²"),
        .arealCharge: Naming(name: "areal charge", siSymbol: "A·s/m²", exampleUnit: "mAh/cm²"),
        .specificCurrent: Naming(name: "specific current", siSymbol: "A/kg", exampleUnit: "mA/g"),
        .specificCharge: Naming(name: "specific charge", siSymbol: "A·s/kg", exampleUnit: "mAh/g"),
        .areaSpecificResistance: Naming(
            name: "area-specific resistance", siSymbol: "Ω·m²", exampleUnit: "Ω·cm²"),
        .voltageRate: Naming(name: "voltage rate", siSymbol: "V/s", exampleUnit: "mV/s"),
        .cRate: Naming(name: "C-rate", siSymbol: "C", exampleUnit: "C"),
    ]

    /// The coherent SI unit, e.g. "V", or a product of base units for unnamed dimensions.
    public var siSymbol: String {
        Self.namings[self]?.siSymbol ?? baseUnitSymbol
    }

    /// A unit the parser accepts for this dimension, for "e.g." hints.
    var exampleUnit: String {
        Self.namings[self]?.exampleUnit ?? baseUnitSymbol
    }

    /// `number` written in `exampleUnit` as the parser accepts it: `4.2 V`, but
    /// `2C`, since a spaced `2 C` is refused as ambiguous with °C.
    func example(_ number: String) -> String {
        if self == .cRate { return number + exampleUnit }
        return [number, exampleUnit].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// E.g. "current (A)", or "quantity in m³" for dimensions without a common name.
    public var description: String {
        guard let naming = Self.namings[self] else { return "quantity in \(baseUnitSymbol)" }
        return naming.siSymbol.isEmpty ? naming.name : "\(naming.name) (\(naming.siSymbol))"
    }

    /// The description with its indefinite article, for use inside sentences.
    var withArticle: String {
        let startsWithVowel = description.first.map { "aeiou".contains($0) } ?? false
        return (startsWithVowel ? "an " : "a ") + description
    }

    /// Base units with superscript exponents, e.g. "kg·m²/s³" (valid parser input unless it
    /// involves the nominal capacity, which has no unit of its own).
    private var baseUnitSymbol: String {
        let numerator = exponents.filter { $0.exponent > 0 }
            .map { $0.symbol + UnitSuperscript.exponent($0.exponent) }
        let denominator = exponents.filter { $0.exponent < 0 }
            .map { "/" + $0.symbol + UnitSuperscript.exponent(-$0.exponent) }
        return (numerator.isEmpty ? "1" : numerator.joined(separator: "·")) + denominator.joined()
    }
}
