@testable import Electrochemistry
import Numerics
import Testing

@Suite struct FDistributionTests {
    /// With d1 = 2 the tail has a closed form: P(F > f) = (1 + 2f/d2)^(−d2/2).
    @Test(arguments: [(0.5, 4.0), (3.0, 10.0), (7.5, 25.0), (40.0, 6.0)])
    func matchesTheClosedFormForTwoNumeratorDegrees(f: Double, d2: Double) {
        let exact = Double.pow(1 + 2 * f / d2, -d2 / 2)
        #expect(abs(FDistribution.survival(f, d1: 2, d2: d2) / exact - 1) < 1e-10)
    }

    /// Tabulated critical values: F(0.05; 3, 12) = 3.490, F(0.01; 5, 20) = 4.103.
    @Test func matchesPublishedCriticalValues() {
        #expect(abs(FDistribution.survival(3.4903, d1: 3, d2: 12) - 0.05) < 1e-4)
        #expect(abs(FDistribution.survival(4.1027, d1: 5, d2: 20) - 0.01) < 1e-4)
    }

    @Test func edgesAreProbabilities() {
        #expect(FDistribution.survival(0, d1: 2, d2: 5) == 1)
        #expect(FDistribution.survival(.infinity, d1: 2, d2: 5) == 0)
    }
}
