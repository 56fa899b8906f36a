import Electrochemistry
import Testing

@Suite struct StraightLineFitTests {
    /// Reference values from an independent least-squares solve (NumPy).
    @Test func matchesAReferenceFitWithStandardErrors() throws {
        let fit = try #require(StraightLineFit(x: [1, 2, 3, 4], y: [2.1, 3.9, 6.2, 7.8]))
        #expect(abs(fit.slope - 1.94) < 1e-12)
        #expect(abs(fit.intercept - 0.15) < 1e-12)
        #expect(abs(fit.residualSumOfSquares - 0.082) < 1e-12)
        #expect(abs(fit.slopeStandardError - 0.09055385) < 1e-8)
        #expect(abs(fit.interceptStandardError - 0.24799194) < 1e-8)
        #expect(abs(fit.covariance + 0.0205) < 1e-12)
        #expect(abs(fit.rSquared - 0.9956613756613757) < 1e-12)
    }

    @Test func refusesTooFewPointsAndVerticalData() {
        #expect(StraightLineFit(x: [1], y: [2]) == nil)
        #expect(StraightLineFit(x: [3, 3, 3], y: [1, 2, 3]) == nil)
    }

    @Test func keepsDigitsForArrheniusAbscissae() throws {
        // 1/T around 3e-3 with a spread of 1e-4: naive Σx² − (Σx)²/n loses half the digits.
        let x = (0..<10).map { 1 / (280 + 10 * Double($0)) }
        let fit = try #require(StraightLineFit(x: x, y: x.map { 20 - 4000 * $0 }))
        #expect(abs(fit.slope + 4000) < 1e-7)
        #expect(fit.slopeStandardError < 1e-6)
    }
}
