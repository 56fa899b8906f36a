import CyclerConfiguration
import Electrochemistry
import Foundation
import Testing

@Suite("Cell description files")
struct CellDescriptionTests {
    @Test func readsTheShippedExample() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/cells/nmc811-lpscl-liin.yaml").path
        let cell = try CellDescription.load(contentsOf: path)
        #expect(cell.kind == .full)
        #expect(cell.chemistry == ["nmc811", "li6ps5cl", "li-in"])
        #expect(abs(cell.area! - 0.785e-4) < 1e-12)
        #expect(abs(cell.capacity! - 1.57e-3 * 3600) < 1e-9)
        #expect(abs(cell.referenceOffset - 0.62) < 1e-12)
        #expect(cell.voltageWindow == 2.0...3.68)
    }

    @Test func readsAnOCVTable() throws {
        let cell = try CellDescription(yaml: """
            name: LFP | PEO | Li
            type: full
            ocv:
              soc: [0, 0.5, 1]
              voltage: [3.0 V, 3.4, 3.6]
            """, file: "lfp.yaml")
        #expect(cell.openCircuitVoltage == OpenCircuitTable(stateOfCharge: [0, 0.5, 1], voltage: [3.0, 3.4, 3.6]))
    }

    @Test func readsTheParticleShape() throws {
        let sphere = try CellDescription(yaml: "name: a\ntype: full\nparticle_shape: sphere", file: "cell.yaml")
        #expect(sphere.particleShape == .sphere)
        #expect(try CellDescription(yaml: "name: a\ntype: full", file: "cell.yaml").particleShape == nil)
    }

    @Test(arguments: [
        ("name: a\ntype: full\ncapacty: 2 mAh", 3, 1, "capacty", "did you mean \"capacity\""),
        ("name: a\ntype: fulll", 2, 7, "type", "full, symmetric-li"),
        ("name: a\ntype: full\narea: 2 mA", 3, 9, "area", "area"),
        ("type: full", 1, 1, "", "\"name\""),
        ("name: a\ntype: full\nvoltage_window: [4 V, 3 V]", 3, 17, "voltage_window", "below the maximum"),
        ("name: a\ntype: full\nocv: {soc: [0, 1], voltage: [3]}", 3, 29, "ocv.voltage", "one voltage per SOC point"),
        ("name: a\n  type: full: x", 2, 7, "", "YAML syntax"),
        ("name: a\ntype: full\ncapacity: -2 mAh", 3, 11, "capacity", "positive"),
        ("name: a\ntype: full\nparticle_shape: cube", 3, 17, "particle_shape", "planar, sphere"),
    ])
    func mistakesAreLocated(yaml: String, line: Int, column: Int, field: String, mention: String) {
        #expect {
            try CellDescription(yaml: yaml, file: "cell.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == "cell.yaml" && error.line == line && error.column == column
                && error.field == field && error.description.contains(mention)
        }
    }
}
