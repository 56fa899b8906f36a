import CellSimulator
import Testing

/// Solid diffusion in the cathode particles and ion transport through the
/// composite limit the capacity a sulfide full cell delivers at high rate,
/// and warming it gives the capacity back.
@Suite struct RateCapabilityTests {
    /// Discharge capacities (C) of a formed NMC811 | Li₆PS₅Cl | Li-In cell at
    /// `rates` (in C), each after a CCCV charge at C/10 and 10 min at rest.
    static func capacities(celsius: Double, rates: [Double]) throws -> [Double] {
        var definition = try #require(CellPresets.named("nmc811-lpscl-liin"))
        definition.temperature = 273.15 + celsius
        let window = try #require(definition.cyclingWindow)
        let oneC = definition.capacity / 3600
        var cell = SimulatedCell(definition: definition, seed: 1)
        _ = cell.chargeCCCV(current: oneC / 10, voltage: window.upperBound, cutoff: oneC / 20)
        _ = cell.discharge(current: oneC / 10, to: window.lowerBound)
        return rates.map { rate in
            var run = cell
            _ = run.chargeCCCV(current: oneC / 10, voltage: window.upperBound, cutoff: oneC / 20)
            run.rest(600)
            return run.discharge(current: rate * oneC, to: window.lowerBound, dt: 1)
        }
    }

    /// At 25 °C, 2C keeps 45–85 % of the C/10 capacity: the span reported for
    /// NMC811 | argyrodite cells at room temperature (uncoated polycrystalline
    /// near the bottom, coated single crystals near the top).
    @Test func twoCDeliversLessThanCOverTenAtRoomTemperature() throws {
        let c = try Self.capacities(celsius: 25, rates: [0.1, 2])
        let retention = c[1] / c[0]
        #expect(retention > 0.45 && retention < 0.85, "2C/C/10 = \(retention)")
    }

    /// At 60 °C faster diffusion and conduction give most of it back.
    @Test func sixtyDegreesDeliverMoreAtTwoC() throws {
        let warm = try Self.capacities(celsius: 60, rates: [2])[0]
        let room = try Self.capacities(celsius: 25, rates: [2])[0]
        #expect(warm > room, "2C: \(warm) C at 60 °C, \(room) C at 25 °C")
    }
}
