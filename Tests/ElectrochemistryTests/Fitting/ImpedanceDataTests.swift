import Numerics
import Testing
@testable import Electrochemistry

/// Spectra that cannot be fitted are refused with the offending point named.
@Suite struct ImpedanceDataTests {
    func error(_ f: [Double], _ z: [Complex<Double>]) -> ImpedanceDataError? {
        do { _ = try ImpedanceData(frequencies: f, impedances: z); return nil } catch { return error }
    }

    @Test func nanIsRefused() {
        let e = error([10, 1, 0.1], [Complex(1, -1), Complex(.nan, -2), Complex(3, -1)])
        #expect(e?.code == .notFinite && e?.index == 1)
    }

    @Test func duplicateFrequenciesAreRefused() {
        let e = error([10, 1, 10], [Complex(1, -1), Complex(2, -2), Complex(3, -1)])
        #expect(e?.code == .duplicateFrequency && e?.index == 2)
        #expect(e?.message.contains("twice") == true)
    }

    @Test func aSinglePointIsRefused() {
        #expect(error([10], [Complex(1, -1)])?.code == .tooFewPoints)
        #expect(error([], [])?.code == .tooFewPoints)
    }

    @Test func nonPositiveFrequencyIsRefused() {
        #expect(error([10, 0], [Complex(1, -1), Complex(2, -2)])?.code == .nonPositiveFrequency)
        #expect(error([10, -1], [Complex(1, -1), Complex(2, -2)])?.code == .nonPositiveFrequency)
    }

    @Test func impossibleCircuitsAreRefusedByTheParser() {
        for text in ["R0-p(R1,CPE1", "R0-X1", "R0--R1", "p(R1)", "R0-R0", ""] {
            #expect(throws: CircuitParseError.self) { try Circuit(text) }
        }
    }
}
