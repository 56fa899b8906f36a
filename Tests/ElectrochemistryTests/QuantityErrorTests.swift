import Testing
@testable import Electrochemistry

@Suite struct QuantityErrorTests {
    private func parseError(
        _ text: String, expecting: PhysicalDimension? = nil, defaultUnit: String? = nil
    ) -> QuantityError? {
        do {
            _ = try Quantity.parse(text, expecting: expecting, defaultUnit: defaultUnit)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("", QuantityError.Code.empty, 0),
        ("   ", .empty, 0),
        ("mA", .badNumber, 0),
        ("  mA", .badNumber, 2),
        ("1..2 V", .badNumber, 2),
        ("1.2.3 V", .badNumber, 3),
        ("1e999 V", .badNumber, 0),
        ("C/0", .badNumber, 2),
        ("C/x", .badNumber, 2),
        ("4.2 Vx", .unknownUnit, 4),
        ("5 mOhms", .unknownUnit, 2),
        ("1 mC", .unknownUnit, 2),
        ("4.2 V x", .unknownUnit, 6),
        ("1 mA/", .malformedUnit, 5),
        ("1 cm^", .malformedUnit, 5),
        ("1 m^0", .malformedUnit, 3),
        ("1 m^12", .malformedUnit, 3),
        ("1 cm2^2", .malformedUnit, 5),
        ("2C/10", .malformedUnit, 3),
        ("C/10 h", .malformedUnit, 5),
    ])
    func reportsCodeAndColumn(text: String, code: QuantityError.Code, column: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.code == code)
        #expect(error.column == column)
        #expect(error.text == text)
        #expect(!error.message.isEmpty)
    }

    @Test func dimensionMismatchNamesBothAndShowsAFix() throws {
        let error = try #require(parseError("4.2 mA", expecting: .voltage))
        #expect(error.code == .dimensionMismatch)
        #expect(error.column == 4)
        #expect(error.description == #""4.2 mA" is a current (A), but a voltage (V) is expected here, e.g. "4.2 V""#)
    }

    /// `80 C` in a lab note is 80 °C as often as a C-rate; reading it as 80C
    /// would drive a cell at eighty times its capacity per hour.
    @Test func spacedCIsRefusedWithBothReadings() throws {
        let error = try #require(parseError("80 C", expecting: .temperature))
        #expect(error.code == .ambiguousUnit)
        #expect(error.column == 3)
        #expect(error.message == #""80 C" is ambiguous: write "80 degC" for a temperature, or a C-rate as "80C" or "C/…""#)
        #expect(parseError("80 C")?.code == .ambiguousUnit)
    }

    @Test func spacedCIsARateWhereTheGrammarSaysSo() throws {
        let rate = try Quantity.parse("0.5 C", spacedCRate: true)
        #expect(rate.dimension == .cRate)
        #expect(rate.value == 0.5 / 3600)
        #expect(try Quantity.parse("80C").dimension == .cRate)
    }

    @Test func bareNumberWithoutDefaultUnitMismatchesAtTheNumber() throws {
        let error = try #require(parseError(" 4.2", expecting: .voltage))
        #expect(error.code == .dimensionMismatch)
        #expect(error.column == 1)
        #expect(error.message == #""4.2" is a dimensionless number, but a voltage (V) is expected here, e.g. "4.2 V""#)
    }

    @Test func cRateMismatchUsesLabNotationInTheHint() throws {
        let error = try #require(parseError("C/10", expecting: .arealCurrent))
        #expect(error.code == .dimensionMismatch)
        #expect(error.message == #""C/10" is a C-rate (C), but an areal current (A/m²) is expected here, "#
            + #"e.g. "0.1 mA/cm²""#)
    }

    @Test func unknownUnitSuggestsTheClosestSpelling() throws {
        let typo = try #require(parseError("4.2 Vx"))
        #expect(typo.message == #"unknown unit "Vx" in "4.2 Vx"; did you mean "V"?"#)
        let plural = try #require(parseError("5 mOhms"))
        #expect(plural.message.hasSuffix(#"did you mean "mOhm"?"#))
    }

    @Test func unknownUnitWithoutObviousFixListsKnownUnits() throws {
        let error = try #require(parseError("3 furlong"))
        #expect(error.column == 2)
        #expect(error.message.contains("known units are s, min, h, d, A, V"))
    }

    @Test func prefixOnUnprefixableUnitSaysSo() throws {
        let error = try #require(parseError("1 mC"))
        #expect(error.message.hasSuffix(#""C" takes no SI prefix"#))
    }

    @Test func malformedNumberMessageShowsValidForms() throws {
        let error = try #require(parseError("1..2 V"))
        #expect(error.message.contains("0.5, 1e-3 or 2.5E+6"))
    }

    @Test func badDefaultUnitIsReportedAgainstTheDefaultUnit() throws {
        let error = try #require(parseError("4.2", defaultUnit: "Vx"))
        #expect(error.code == .unknownUnit)
        #expect(error.text == "Vx")
        #expect(error.column == 0)
    }
}
