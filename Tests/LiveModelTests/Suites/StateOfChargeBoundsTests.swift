import Numerics
@testable import LiveModel
import Testing

/// SOC stays a charge a cell can hold, and σ stays honest at the edge.
@Suite struct StateOfChargeBoundsTests {
    /// A charge to full counted against a capacity 5 % below the cell's own
    /// runs past 100 % unless the estimate is held to the physical range;
    /// held there by conditioning, full itself stays within 2σ.
    @Test func aChargeCountedPastFullStaysWithinRangeAndCoversFull() throws {
        let table = StateOfChargeHonestyTests.table
        let curve = try OpenCircuitCurve(stateOfCharge: table.soc, voltage: table.voltage)
        let capacity = StateOfChargeHonestyTests.capacity, current = StateOfChargeHonestyTests.oneC / 2
        let r0 = 0.05 / StateOfChargeHonestyTests.oneC
        var filter = StateOfChargeFilter(curve: curve, capacity: 0.95 * capacity,
                                         circuit: EquivalentCircuit(ohmicResistance: r0, fastResistance: 0, fastTime: 10,
                                                                    slowResistance: 0, slowTime: 100),
                                         circuitUncertainty: 0.1, initialStateOfCharge: 0.9, initialSigma: 0.01)
        var soc = 0.9
        var highest = 0.0
        while soc < 1 {
            soc = min(1, soc + current * 10 / capacity)
            filter.predict(current: current, dt: 10)
            filter.correct(voltage: curve.evaluate(soc).value + r0 * current, current: current)
            highest = max(highest, filter.stateOfCharge)
            #expect(filter.sigma > 0 && filter.sigma.isFinite)
        }
        #expect(highest <= 1, "SOC reached \(highest)")
        #expect(abs(filter.stateOfCharge - 1) <= 2 * filter.sigma, "SOC \(filter.stateOfCharge) ± \(filter.sigma) at full")
    }

    /// An estimate past full reads full, with the σ of what lies below
    /// full: the half-normal's RMS distance from full for one centred on
    /// it, and for one 9σ past it the exponential-like tail left, whose
    /// RMS distance is √2·σ/9 to within a few 1/t² (3/81).
    @Test func anEstimatePastFullReadsFullWithTheSigmaOfWhatIsLeft() {
        let centred = StateOfChargeFilter.bounded(mean: 1, variance: 0.01 * 0.01)
        #expect(centred.mean == 1)
        #expect(abs(centred.sigma - 0.01) < 1e-12)
        let past = StateOfChargeFilter.bounded(mean: 1.018, variance: 0.002 * 0.002)
        #expect(past.mean == 1)
        #expect(abs(past.sigma / (Double(2).squareRoot() * 0.002 / 9) - 1) < 0.05, "σ \(past.sigma)")
    }

    /// φ(t)/Φ(t): the half-normal's mean at 0, and one formula meeting the
    /// tail's asymptote where Φ underflows.
    @Test func inverseMillsRatioMatchesTheNormalsTail() {
        #expect(abs(StateOfChargeFilter.inverseMillsRatio(0) - (2 / Double.pi).squareRoot()) < 1e-12)
        #expect(StateOfChargeFilter.inverseMillsRatio(8) < 1e-13)
        let below = StateOfChargeFilter.inverseMillsRatio(-29.999), above = StateOfChargeFilter.inverseMillsRatio(-30.001)
        #expect(abs(above / below - 1) < 1e-3)
    }
}
