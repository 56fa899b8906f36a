import Testing
@testable import Electrochemistry

/// What people read is in the lab's units, to four significant figures.
@Suite struct QuantityLabUnitTests {
    @Test(arguments: [
        (Quantity(0.007850000000000001, .current), "7.85 mA"),
        (Quantity(-2.5e-6, .current), "-2.5 µA"),
        (Quantity(570.15, .temperature), "297 °C"),
        (Quantity(5.652, .charge), "1.57 mAh"),
        (Quantity(1.8, .energy), "0.5 mWh"),
        (Quantity(0.35 * 1.602_176_634e-19, .energy), "0.35 eV"),
        (Quantity(0.1, .conductivity), "1 mS/cm"),
        (Quantity(5, .arealCurrent), "0.5 mA/cm²"),
        (Quantity(1.2e8, .pressure), "120 MPa"),
        (Quantity(1.5e6, .frequency), "1.5 MHz"),
        (Quantity(1234.5, .resistance), "1.234 kΩ"),
        (Quantity(0.01, .areaSpecificResistance), "100 Ω·cm²"),
        (Quantity(0.01, .voltage), "10 mV"),
        (Quantity(1 / 7200, .cRate), "C/2"),
    ])
    func labText(_ quantity: Quantity, _ text: String) {
        #expect(quantity.labText() == text)
    }

    @Test func labValueIsTheNumberInTheLabUnit() {
        let capacity = Quantity(5.652, .charge)
        #expect(capacity.labUnit == "mAh")
        #expect(abs(capacity.labValue - 1.57) < 1e-12)
    }

    @Test func significantDigitsDropTrailingZerosAndKeepLargeWholes() {
        #expect(7.850000000000001.formatted(significantDigits: 4) == "7.85")
        #expect(123_456.0.formatted(significantDigits: 4) == "123456")
        #expect(0.000125.formatted(significantDigits: 3) == "0.000125")
    }
}
