import Testing
@testable import Electrochemistry

/// Every bound shape maps its fitted variable onto the range and back.
@Suite struct ParameterBoundsTests {
    @Test(arguments: [
        (ParameterBounds.positive, [1e-9, 0.3, 47, 2e7]),
        (ParameterBounds.exponent, [0.01, 0.5, 0.93]),
        (ParameterBounds(1, 1000), [1.5, 30, 999]),
        (ParameterBounds(-2, 3), [-1.9, 0, 2.5]),
        (ParameterBounds(5, .infinity), [5.5, 60]),
        (ParameterBounds(-.infinity, 4), [-80, 3.9]),
        (ParameterBounds(-.infinity, .infinity), [-3, 0, 7]),
    ])
    func roundTrips(bounds: ParameterBounds, values: [Double]) {
        for p in values {
            let (back, slope) = bounds.value(bounds.variable(p))
            #expect(abs(back - p) <= 1e-9 * max(1, abs(p)), "\(bounds): \(p) came back as \(back)")
            #expect(slope != 0)
            #expect(bounds.contains(back))
        }
    }

    @Test func variablesNeverLeaveTheRange() {
        for u in [-800.0, -30, 0, 30, 800] {
            let n = ParameterBounds.exponent.value(u).p, r = ParameterBounds(1, 1000).value(u).p
            #expect(n >= 0 && n <= 1, "u = \(u) gave n = \(n)")
            #expect(r >= 1 && r <= 1000, "u = \(u) gave \(r)")
        }
    }
}
