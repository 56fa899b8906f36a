import CellSimulator
import Numerics
import Testing

/// Each electrode–electrolyte pair has its own interface capacitance, and an
/// interphase growing between them lowers it as a capacitor of growing
/// thickness does (C = εA/d).
@Suite struct InterfaceCapacitanceTests {
    /// The Li interface arc's effective capacitance, τ/R (F): for a ZARC the
    /// capacitance that gives its apex.
    static func lithiumInterfaceCapacitance(_ cell: SimulatedCell) -> Double {
        let p = cell.electrical
        return p.negativeTime / p.negativeResistance
    }

    @Test func everyElectrolyteGivesLithiumItsOwnCapacitance() throws {
        let names = ["li-lpscl-li", "li-llzo-li", "li-lgps-li", "li-lps7-li", "li-peo-li"]
        let capacitances = try names.map { name in
            Self.lithiumInterfaceCapacitance(SimulatedCell(definition: try #require(CellPresets.named(name))))
        }
        for i in capacitances.indices {
            for j in capacitances.indices where j > i {
                let ratio = capacitances[i] / capacitances[j]
                #expect(abs(ratio - 1) > 0.02, "\(names[i]) and \(names[j]): \(capacitances[i]) F, \(capacitances[j]) F")
            }
        }
    }

    /// 1/C grows by d/(ε₀εᵣA) over the fresh interface's: in proportion to the
    /// interphase's thickness, that is to its ASR.
    @Test func aGrowingInterphaseLowersTheCapacitanceAsItsThicknessGrows() throws {
        var cell = SimulatedCell(definition: try #require(CellPresets.named("li-lgps-li")))
        let fresh = Self.lithiumInterfaceCapacitance(cell)
        var capacitances: [Double] = [], interphases: [Double] = []
        for hours in [1.0, 9, 90] {
            cell.rest(hours * 3600, dt: 600)
            capacitances.append(Self.lithiumInterfaceCapacitance(cell))
            interphases.append(cell.state.negativeInterphaseSquared.squareRoot())
        }
        #expect(fresh > capacitances[0] && capacitances[0] > capacitances[1] && capacitances[1] > capacitances[2],
                "fresh \(fresh) F, then \(capacitances) F at 1, 10 and 100 h")
        let added = capacitances.map { 1 / $0 - 1 / fresh }
        for k in 1..<3 {
            #expect(abs(added[k] / added[0] / (interphases[k] / interphases[0]) - 1) < 1e-9)
        }
    }
}
