import Testing
@testable import Electrochemistry

@Suite struct QuantityArithmeticTests {
    @Test func dimensionsCompose() {
        #expect(PhysicalDimension.voltage / .current == .resistance)
        #expect(PhysicalDimension.current * .time == .charge)
        #expect(PhysicalDimension.resistance * .area == .areaSpecificResistance)
        #expect(PhysicalDimension.cRate * .charge / PhysicalDimension(capacityRelative: 1) == .current)
        #expect(PhysicalDimension.voltage == PhysicalDimension(length: 2, mass: 1, time: -3, current: -1))
    }

    @Test(arguments: [
        (PhysicalDimension.current, "current (A)"),
        (.voltage, "voltage (V)"),
        (.arealCurrent, "areal current (A/m²)"),
        (.areaSpecificResistance, "area-specific resistance (Ω·m²)"),
        (.cRate, "C-rate (C)"),
        (.dimensionless, "dimensionless number"),
        (.length.raised(to: 3), "quantity in m³"),
        (PhysicalDimension(length: 1, mass: 1, time: -1), "quantity in m·kg/s"),
    ])
    func describesDimension(dimension: PhysicalDimension, description: String) {
        #expect(dimension.description == description)
    }

    @Test func multipliesAndDividesWithDimensions() throws {
        let charge = try Quantity.parse("2 mA") * Quantity.parse("3 h")
        #expect(charge.dimension == .charge)
        #expect(QuantityTolerance.matches(charge.value, 21.6))
        let resistance = try Quantity.parse("4.2 V") / Quantity.parse("2 A")
        #expect(resistance.dimension == .resistance)
        #expect(QuantityTolerance.matches(resistance.value, 2.1))
    }

    @Test func addsAndSubtractsLikeQuantities() throws {
        let sum = try Quantity.parse("1 V").adding(Quantity.parse("10 mV"))
        #expect(QuantityTolerance.matches(sum.value, 1.01))
        let difference = try Quantity.parse("1 V").subtracting(Quantity.parse("10 mV"))
        #expect(QuantityTolerance.matches(difference.value, 0.99))
        #expect(difference.dimension == .voltage)
    }

    @Test func addingUnlikeQuantitiesThrows() throws {
        let error = try #require(throws: QuantityError.self) {
            try Quantity.parse("1 V").adding(Quantity.parse("1 mA"))
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message == "cannot add or subtract a voltage (V) (1 V) and a current (A) (0.001 A)")
    }

    @Test(arguments: [
        ("4.2 V", "4.2 V"),
        ("0.5 mA/cm2", "5 A/m²"),
        ("C/10", "C/10"),
        ("2C", "2C"),
        ("0.3C", "0.3C"),
        ("50 %", "0.5"),
        ("1 cm3", "1e-06 m³"),
    ])
    func describesQuantityInSI(text: String, description: String) throws {
        #expect(try Quantity.parse(text).description == description)
    }

    @Test(arguments: [
        ("0.5 mA/cm2", "mA/cm2", "0.500 mA/cm²"),
        ("25 degC", "degC", "25.000 °C"),
        ("10 kOhm", "kohm", "10.000 kΩ"),
        ("500 um", "um", "500.000 µm"),
        ("2 Ω·cm²", "Ohm*cm^2", "2.000 Ω·cm²"),
        ("C/10", "C", "0.100 C"),
        ("5 mV/s", "mV/s", "5.000 mV/s"),
    ])
    func formatsInLabUnit(text: String, unit: String, formatted: String) throws {
        #expect(try Quantity.parse(text).formatted(in: unit) == formatted)
    }

    @Test func formatsWithRequestedDigits() throws {
        #expect(try Quantity.parse("4.2 V").formatted(in: "mV", fractionDigits: 0) == "4200 mV")
    }

    @Test func formattingInUnitOfAnotherDimensionThrows() throws {
        let error = try #require(throws: QuantityError.self) {
            try Quantity.parse("4.2 V").formatted(in: "mA")
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.text == "mA")
    }
}
