import Foundation
import Testing

@testable import cyclerctl

@Suite("Fixed-point CSV numbers")
struct FixedPointColumnTests {
    static func text(_ value: Double, _ decimals: Int) -> String {
        var bytes: [UInt8] = []
        FixedPointRow<1>(decimals: [decimals]).append([value], to: &bytes)
        return String(decoding: bytes.dropLast(), as: UTF8.self) // the row's newline
    }

    @Test(arguments: [
        (236_693.0, 6, "236693"),
        (2.205066680908203, 7, "2.2050667"),
        (-0.0007849058, 12, "-0.0007849058"),
        (28_791_274.957442988, 1, "28791275"),
        (24.977889205263125, 3, "24.978"),
        (0.0, 3, "0"),
        (-0.0004, 3, "0"),
        (1e-12, 12, "0.000000000001"),
        (-3.5, 0, "-4"),
        (2.5, 0, "3"),
        (-0.0005, 3, "-0.001"),
        (12.000_5, 3, "12.001"),
        (1e300, 3, "1e+300"),
    ])
    func formats(value: Double, decimals: Int, expected: String) {
        #expect(Self.text(value, decimals) == expected)
    }

    @Test func nonFiniteValuesStayReadable() {
        #expect(Self.text(.nan, 3) == "nan")
        #expect(Self.text(.infinity, 3) == "inf")
    }

    @Test func aRowIsItsFieldsJoinedByCommas() {
        let layout = FixedPointRow<5>(decimals: [6, 7, 12, 1, 3])
        let values: InlineArray<5, Double> = [225_583, 3.7154321987, -7.85e-4, .nan, 1e300]
        var row: [UInt8] = []
        layout.append(values, to: &row)
        let expected = (0..<5).map { Self.text(values[$0], layout.columns[$0].decimals) }.joined(separator: ",") + "\n"
        #expect(String(decoding: row, as: UTF8.self) == expected)
        #expect(expected == "225583,3.7154322,-0.000785,nan,1e+300\n")
    }

    @Test func digitCountsAreExactOnEitherSideOfEveryPowerOfTen() {
        var power: UInt64 = 1
        for _ in 0...19 {
            for n in [power - 1, power, power + 1] {
                #expect(FixedPointColumn.digitCount(n) == String(n).count, "\(n)")
            }
            power = power &* 10
        }
        #expect(FixedPointColumn.digitCount(.max) == 20)
    }

    /// The text is the scaled value as `Double.rounded()` rounds it (half
    /// away from zero), less the fraction's trailing zeros, at every number
    /// of decimals and over 26 decades of magnitude.
    @Test func agreesWithRoundingTheScaledValue() {
        var random = SystemRandomNumberGenerator()
        for decimals in 0...15 {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            for _ in 0..<2000 {
                let magnitude = Double.random(in: -18...8, using: &random)
                let value = (Bool.random(using: &random) ? 1 : -1) * pow(10, magnitude)
                let scaled = (value * scale).rounded()
                guard abs(scaled) < 9e18 else { continue }
                let n = Int64(scaled)
                let unit = Int64(scale)
                var expected = (n < 0 ? "-" : "") + String(n.magnitude / UInt64(unit))
                var fraction = String(n.magnitude % UInt64(unit))
                if fraction != "0" {
                    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
                    while fraction.hasSuffix("0") { fraction.removeLast() }
                    expected += "." + fraction
                }
                #expect(Self.text(value, decimals) == expected, "\(value) at \(decimals) decimals")
            }
        }
    }

    @Test func roundTripsToTheRequestedResolution() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let value = Double.random(in: -1e6...1e6, using: &random)
            let parsed = Double(Self.text(value, 6)) ?? .nan
            #expect(abs(parsed - value) <= 0.5e-6 + 1e-9)
        }
    }
}
