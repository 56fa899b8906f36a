import Testing
@testable import Electrochemistry

@Suite struct QuantityCellContextTests {
    private let capacity = Quantity(2e-3 * 3600, .charge)  // 2 mAh

    @Test func tenthCRateOfTwoMilliampHourCellIsPointTwoMilliamps() throws {
        let current = try Quantity.parse("C/10").resolvingCRate(capacity: capacity)
        #expect(current.dimension == .current)
        #expect(QuantityTolerance.matches(current.value, 2e-4))
    }

    @Test func oneCOfOneAmpHourCellIsOneAmp() throws {
        let current = try Quantity.parse("2C").resolvingCRate(capacity: Quantity.parse("1 Ah"))
        #expect(current.dimension == .current)
        #expect(QuantityTolerance.matches(current.value, 2))
    }

    @Test func quantityWithoutCapacityIsUnchangedByCRateResolution() throws {
        let current = try Quantity.parse("3 mA")
        #expect(try current.resolvingCRate(capacity: capacity) == current)
    }

    @Test func capacityOfWrongDimensionIsRejected() throws {
        let error = try #require(throws: QuantityError.self) {
            try Quantity.parse("C/10").resolvingCRate(capacity: Quantity.parse("2 V"))
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message.contains("but a charge (A·s) is expected"))
    }

    @Test func arealCurrentUsesElectrodeArea() throws {
        let current = try Quantity.parse("0.5 mA/cm2").resolvingCurrent(area: Quantity.parse("1 cm2"))
        #expect(current.dimension == .current)
        #expect(QuantityTolerance.matches(current.value, 5e-4))
    }

    @Test func specificCurrentUsesActiveMass() throws {
        let current = try Quantity.parse("150 mA/g").resolvingCurrent(activeMass: Quantity.parse("10 mg"))
        #expect(current.dimension == .current)
        #expect(QuantityTolerance.matches(current.value, 1.5e-3))
    }

    @Test func cRateUsesCapacity() throws {
        let current = try Quantity.parse("C/10").resolvingCurrent(capacity: capacity)
        #expect(QuantityTolerance.matches(current.value, 2e-4))
    }

    @Test func plainCurrentNeedsNoCellProperty() throws {
        let current = try Quantity.parse("-3 mA")
        #expect(try current.resolvingCurrent() == current)
    }

    @Test(arguments: [
        ("C/10", "C/10 needs the cell's capacity; add `capacity:` to the cell definition"),
        ("0.5 mA/cm2", "5 A/m² needs the cell's electrode area; add `area:` to the cell definition"),
        ("150 mA/g", "150 A/kg needs the cell's active mass; add `activeMass:` to the cell definition"),
    ])
    func missingCellPropertyIsNamed(text: String, message: String) throws {
        let error = try #require(throws: QuantityError.self) {
            try Quantity.parse(text).resolvingCurrent()
        }
        #expect(error.code == .missingCellProperty)
        #expect(error.column == 0)
        #expect(error.message == message)
    }

    @Test func nonCurrentIsRejected() throws {
        let error = try #require(throws: QuantityError.self) {
            try Quantity.parse("4.2 V").resolvingCurrent(capacity: capacity)
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message.hasPrefix("4.2 V is a voltage (V), but a current is expected here"))
    }
}
