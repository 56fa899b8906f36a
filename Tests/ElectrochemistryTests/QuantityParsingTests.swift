import Testing
@testable import Electrochemistry

/// Relative comparison at 1e-12, tight enough that a wrong prefix or factor always fails.
enum QuantityTolerance {
    static func matches(_ actual: Double, _ expected: Double) -> Bool {
        actual == expected || abs(actual - expected) <= 1e-12 * max(abs(actual), abs(expected))
    }
}

@Suite struct QuantityParsingTests {
    /// Every notation from the lab-notation brief, with its exact SI value.
    static let labExamples: [(String, Double, PhysicalDimension)] = [
        ("0.5 mA/cm2", 5, .arealCurrent),
        ("C/10", 0.1 / 3600, .cRate),
        ("2C", 2.0 / 3600, .cRate),
        ("0.1C", 0.1 / 3600, .cRate),
        ("4.2 V", 4.2, .voltage),
        ("10 mV", 0.01, .voltage),
        ("25 degC", 298.15, .temperature),
        ("25 °C", 298.15, .temperature),
        ("298 K", 298, .temperature),
        ("10 MPa", 1e7, .pressure),
        ("5 min", 300, .time),
        ("1.5 h", 5400, .time),
        ("1 MHz", 1e6, .frequency),
        ("0.2 mAh/cm2", 7200, .arealCharge),
        ("150 mAh/g", 540_000, .specificCharge),
        ("500 um", 5e-4, .length),
        ("500 µm", 5e-4, .length),
        ("500 μm", 5e-4, .length),
        ("1 cm2", 1e-4, .area),
        ("1 cm^2", 1e-4, .area),
        ("1 cm²", 1e-4, .area),
        ("100 mOhm", 0.1, .resistance),
        ("10 kΩ", 1e4, .resistance),
        ("1e-3 S/cm", 0.1, .conductivity),
        ("12 mS/cm", 1.2, .conductivity),
        ("2 bar", 2e5, .pressure),
        ("50 N", 50, .force),
        ("1 kN", 1000, .force),
        ("10 kgf", 98.0665, .force),
        ("1 mA/g", 1, .specificCurrent),
        ("10 s", 10, .time),
        ("100 ms", 0.1, .time),
        ("2 d", 172_800, .time),
        ("30 nF", 3e-8, .capacitance),
        ("100 nH", 1e-7, .inductance),
        ("0.1 Hz", 0.1, .frequency),
        ("5 mV/s", 5e-3, .voltageRate),
        ("1 mV/h", 1e-3 / 3600, .voltageRate),
        ("0.22 eV", 0.22 * 1.602_176_634e-19, .energy),
        ("3 mAh", 10.8, .charge),
        ("1.2 Ah", 4320, .charge),
        ("10 mWh", 36, .energy),
        ("5 W", 5, .power),
        ("1e-3", 1e-3, .dimensionless),
        ("50 %", 0.5, .dimensionless),
    ]

    /// Compound units, exponents, signs and spacing beyond the basic examples.
    static let notations: [(String, Double, PhysicalDimension)] = [
        ("2 Ohm*cm2", 2e-4, .areaSpecificResistance),
        ("2 Ω·cm²", 2e-4, .areaSpecificResistance),
        ("2 ohm cm2", 2e-4, .areaSpecificResistance),
        ("0.2 mAh/cm^2", 7200, .arealCharge),
        ("1 mA cm-2", 10, .arealCurrent),
        ("1 mA / cm2", 10, .arealCurrent),
        ("1 mA·cm⁻²", 10, .arealCurrent),
        ("3 s^-1", 3, .frequency),
        ("3 s⁻¹", 3, .frequency),
        ("3 cm³", 3e-6, .length.raised(to: 3)),
        ("1 kg·m²/s³", 1, .power),
        ("1 A*s", 1, .charge),
        ("1 kWh", 3.6e6, .energy),
        ("1 meV", 1.602_176_634e-22, .energy),
        ("1 mbar", 100, .pressure),
        ("1 mHz", 1e-3, .frequency),
        ("1.5 degC/min", 0.025, .temperature / .time),
        ("-10 degC", 263.15, .temperature),
        ("-1.5 mA", -1.5e-3, .current),
        ("−3 mA", -3e-3, .current),
        ("+2 V", 2, .voltage),
        ("2.5E+6 Hz", 2.5e6, .frequency),
        (".5 V", 0.5, .voltage),
        ("1eV", 1.602_176_634e-19, .energy),
        ("  4.2 V  ", 4.2, .voltage),
        ("C", 1.0 / 3600, .cRate),
        ("C/2.5", 0.4 / 3600, .cRate),
        ("C / 20", 0.05 / 3600, .cRate),
        ("-C/10", -0.1 / 3600, .cRate),
        ("2C", 2.0 / 3600, .cRate),
    ]

    @Test(arguments: labExamples)
    func parsesLabExample(text: String, siValue: Double, dimension: PhysicalDimension) throws {
        let quantity = try Quantity.parse(text)
        #expect(QuantityTolerance.matches(quantity.value, siValue), "\(text) → \(quantity.value)")
        #expect(quantity.dimension == dimension)
    }

    @Test(arguments: labExamples)
    func parsesLabExampleWithoutSpace(text: String, siValue: Double, dimension: PhysicalDimension) throws {
        let compact = String(text.filter { $0 != " " })
        let quantity = try Quantity.parse(compact)
        #expect(QuantityTolerance.matches(quantity.value, siValue), "\(compact) → \(quantity.value)")
        #expect(quantity.dimension == dimension)
    }

    @Test(arguments: notations)
    func parsesNotation(text: String, siValue: Double, dimension: PhysicalDimension) throws {
        let quantity = try Quantity.parse(text)
        #expect(QuantityTolerance.matches(quantity.value, siValue), "\(text) → \(quantity.value)")
        #expect(quantity.dimension == dimension)
    }

    @Test(arguments: [
        ("a", 1e-18), ("f", 1e-15), ("p", 1e-12), ("n", 1e-9), ("u", 1e-6), ("µ", 1e-6),
        ("μ", 1e-6), ("m", 1e-3), ("c", 1e-2), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ])
    func appliesPrefix(prefix: String, scale: Double) throws {
        let quantity = try Quantity.parse("2 \(prefix)s")
        #expect(QuantityTolerance.matches(quantity.value, 2 * scale))
        #expect(quantity.dimension == .time)
    }

    @Test func expectingTheRightDimensionPasses() throws {
        let limit = try Quantity.parse("4.2 V", expecting: .voltage)
        #expect(limit == Quantity(4.2, .voltage))
    }

    @Test func bareNumberTakesDefaultUnit() throws {
        let limit = try Quantity.parse("4.2", expecting: .voltage, defaultUnit: "V")
        #expect(limit == Quantity(4.2, .voltage))
        let temperature = try Quantity.parse("25", defaultUnit: "degC")
        #expect(QuantityTolerance.matches(temperature.value, 298.15))
    }

    @Test func writtenUnitOverridesDefaultUnit() throws {
        let limit = try Quantity.parse("4200 mV", expecting: .voltage, defaultUnit: "V")
        #expect(QuantityTolerance.matches(limit.value, 4.2))
    }

    @Test func bareNumberWithoutDefaultIsDimensionless() throws {
        #expect(try Quantity.parse("0.8") == Quantity(0.8, .dimensionless))
    }

    /// Every "e.g." hint must itself be valid input, or the error message would mislead.
    @Test(arguments: Array(PhysicalDimension.namings.keys))
    func exampleUnitParsesToItsDimension(dimension: PhysicalDimension) throws {
        let example = try Quantity.parse(dimension.example("1"))
        #expect(example.dimension == dimension, "\(dimension.exampleUnit)")
    }
}
