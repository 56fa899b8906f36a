import CyclerConfiguration
import Foundation
import Testing
@testable import ProtocolEngine

/// The validation rules that stand between a typo and a damaged cell: what
/// they let through, beside the refusals in the `Broken/` corpus.
@Suite struct CellProtectionTests {
    static func validate(_ text: String, cellFile: String? = nil) throws -> [ConfigurationError] {
        let definition = try ProtocolLoader.parse(text, file: "p.yaml")
        guard let cellFile else { return ProtocolValidator.validate(definition, channel: .simulatedBench) }
        let cell = try CellDescription.load(contentsOf: repositoryRoot.appendingPathComponent(cellFile).path)
        return ProtocolValidator.validate(definition, cellFile: cell, channel: .simulatedBench)
    }

    static func target(_ text: String) throws -> Double? {
        let definition = try ProtocolLoader.parse(text, file: "p.yaml")
        guard case .setTemperature(let setting) = definition.steps.first?.kind else { return nil }
        return setting.target
    }

    /// The case: 298 with no unit once heated a cell to 297 °C. With
    /// the unit written, both readings are what they say.
    @Test func the298CaseMeansWhatItsUnitSays() throws {
        let refusal = try #require(throws: ProtocolErrors.self) { try Self.target("name: x\nsteps:\n  - set_temperature: {target: 298}\n") }
        let error = try #require(refusal.errors.first)
        #expect((error.file, error.line, error.column) == ("p.yaml", 3, 31), "the error points at the bare number")
        #expect(error.message.contains("\"298 K\"") && error.message.contains("\"298 degC\""), "\(error.message)")
        #expect(try Self.target("name: x\nsteps:\n  - set_temperature: {target: 298 K}\n") == 298)
        #expect(try Self.target("name: x\nsteps:\n  - set_temperature: {target: 25 degC}\n") == 298.15)
        #expect(try Self.validate("name: x\nsteps:\n  - set_temperature: {target: 298 K}\n").isEmpty)
    }

    @Test func aHotSetpointValidatesUnderAnExplicitLimit() throws {
        let hot = "name: x\nsafety: {temperature: {max: 320 degC}}\nsteps:\n  - set_temperature: {target: 298 degC}\n"
        #expect(try Self.validate(hot).isEmpty)
        let errors = try Self.validate("name: x\nsteps:\n  - set_temperature: 160 degC\n")
        #expect(errors.map(\.message) == ["a setpoint of 160 °C is above 150 °C and needs an explicit limit: add "
            + "safety: {temperature: {max: …}} above it, or, if you meant kelvin, write the unit (\"298 K\")"])
        #expect(try Self.validate("name: x\nsteps:\n  - set_temperature: 150 degC\n").isEmpty)
    }

    /// gcpl's cut-offs are the NMC811 cell's window; on a Li–S cell its 3.68 V
    /// charge is refused (its 2.0 V discharge cut-off lies inside both).
    @Test func aProtocolValidatesOnlyInsideItsCellsVoltageWindow() throws {
        let gcpl = try String(contentsOf: repositoryRoot.appendingPathComponent("Protocols/gcpl.yaml"), encoding: .utf8)
        #expect(try Self.validate(gcpl, cellFile: "Config/cells/nmc811-lpscl-liin.yaml").isEmpty)
        let onLiS = try Self.validate(gcpl, cellFile: "Tests/ProtocolEngineTests/Cells/li-s.yaml")
        #expect(onLiS.map(\.field) == ["steps[1].loop.steps[1].cccv"])
        #expect(onLiS.allSatisfy { $0.message.contains("voltage window 1.7 V…2.8 V") })
    }

    /// The simulator's cell files carry their chemistry's cut-offs, not the
    /// ends of their OCV tables, so the NMC811 | Li-In protocols validate on
    /// the simulated cell as on the real one, and not on an LCO | LTO cell.
    @Test(arguments: ["gcpl", "rate-capability", "formation-precycling", "gitt"])
    func theNMCProtocolsValidateOnTheSimulatedCellFile(name: String) throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Protocols/\(name).yaml"), encoding: .utf8)
        #expect(try Self.validate(text, cellFile: "Config/cells/nmc811-lpscl-liin-sim.yaml").isEmpty)
        #expect(try !Self.validate(text, cellFile: "Config/cells/lco-lpscl-lto-sim.yaml").isEmpty)
    }

    @Test func messagesShowCurrentsInLabUnits() throws {
        let text = """
            name: x
            requires: {capacity: true}
            safety: {current: {max: 5 mA}}
            steps:
              - cc: 5C
                until: ["t >= 1 h"]
            """
        let errors = try Self.validate(text, cellFile: "Config/cells/nmc811-lpscl-liin.yaml")
        #expect(errors.map(\.message) == ["the current 7.85 mA is above the safety maximum 5 mA (line 3); the job would trip at once"])
    }
}
