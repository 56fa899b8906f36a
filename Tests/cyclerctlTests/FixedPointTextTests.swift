import Testing

@testable import cyclerctl

@Suite("Fixed-point CSV numbers")
struct FixedPointTextTests {
    static func text(_ value: Double, _ decimals: Int) -> String {
        var bytes: [UInt8] = []
        FixedPointText.append(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
        let fields: [(value: Double, decimals: Int)] = [(225_583, 6), (3.7154321987, 7), (-7.85e-4, 12), (.nan, 1), (1e300, 3)]
        var row: [UInt8] = []
        FixedPointText.appendRow(fields, to: &row)
        let expected = fields.map { Self.text($0.value, $0.decimals) }.joined(separator: ",") + "\n"
        #expect(String(decoding: row, as: UTF8.self) == expected)
        #expect(expected == "225583,3.7154322,-0.000785,nan,1e+300\n")
    }

    @Test func digitCountsAreExactOnEitherSideOfEveryPowerOfTen() {
        var power: UInt64 = 1
        for _ in 0...19 {
            for n in [power - 1, power, power + 1] {
                #expect(FixedPointText.digitCount(n) == String(n).count, "\(n)")
            }
            power = power &* 10
        }
        #expect(FixedPointText.digitCount(.max) == 20)
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
