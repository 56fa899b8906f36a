@testable import InstrumentSimulators
import Instruments
import Testing

/// Script literals and the generated scripts, checked against the simulator's parser.
@Suite struct MethodSCRIPTScriptTests {
    @Test(arguments: [(3.3, "3300m"), (0.0003, "300u"), (-2e-3, "-2m"), (100e3, "100k"), (25.0, "25"),
                      (1.0 / 3.0, "333333333n"), (0.0, "0"), (86_400.0, "86400")])
    func literalsAreIntegersWithThePrefixThatKeepsThemExact(value: Double, text: String) {
        #expect(MethodSCRIPTPrefix.literal(value) == text)
        let back = MethodSCRIPTPrefix.value(ofLiteral: text) ?? .nan
        #expect(abs(back - value) <= abs(value) * 1e-8)
    }

    @Test func literalParsingRejectsNonNumbers() {
        #expect(MethodSCRIPTPrefix.value(ofLiteral: "abc") == nil)
        #expect(MethodSCRIPTPrefix.value(ofLiteral: "") == nil)
        #expect(MethodSCRIPTPrefix.value(ofLiteral: "5x") == nil)
    }

    static let scripts: [MethodSCRIPTScript] = [
        .openCircuit(interval: 0.5, duration: 86_400),
        .constantCurrent(1.5e-3, voltageLimits: 2.5...4.25, currentRange: 10e-3, interval: 1, duration: 86_400),
        .constantPotential(4.2, currentLimit: 5e-3, interval: 0.1, duration: 3_600),
        .linearSweep(from: 0, to: 1.2, step: 5e-3, rate: 0.1, currentLimit: 0.03),
        .impedance(from: 200e3, to: 0.1, points: 51, amplitude: 10e-3, dcPotential: 3.71, currentLimit: 0.03),
        .galvanostaticImpedance(from: 100e3, to: 1, points: 26, amplitude: 1e-4, dcCurrent: 0, currentRange: 1e-3),
    ]

    @Test(arguments: scripts)
    func everyScriptFitsTheLineLimitAndTurnsTheCellOffWhenItEnds(script: MethodSCRIPTScript) throws {
        #expect(script.lines.allSatisfy { $0.utf8.count < 128 })
        #expect(script.text.hasSuffix("\n\n"))
        #expect(Array(script.lines.suffix(2)) == ["on_finished:", "  cell_off"])
        let program = try MethodSCRIPTProgram(parsing: script.lines, device: .emStat4HR)
        #expect(program.onFinished == [.cellOff])
        #expect(program.loop != nil)
        #expect(!program.packet.isEmpty)
    }

    @Test func constantCurrentScriptCarriesItsValuesAndLimits() throws {
        let script = MethodSCRIPTScript.constantCurrent(1.5e-3, voltageLimits: 2.5...4.25, currentRange: 10e-3,
                                                        interval: 1, duration: 60)
        #expect(script.lines.contains("meas_loop_cp p c 1500u 1 60"))
        let program = try MethodSCRIPTProgram(parsing: script.lines, device: .emStat4LR)
        #expect(program.loop == .constantCurrent(1.5e-3, interval: 1, duration: 60))
        #expect(program.breaks == [.init(variable: "p", above: true, threshold: 4.25),
                                   .init(variable: "p", above: false, threshold: 2.5)])
    }

    @Test func picoRefusesGalvanostaticScripts() {
        for script in [Self.scripts[1], Self.scripts[5]] {
            #expect(throws: MethodSCRIPTProgram.Rejection.self) {
                try MethodSCRIPTProgram(parsing: script.lines, device: .emStatPico)
            }
        }
        #expect(throws: Never.self) { try MethodSCRIPTProgram(parsing: Self.scripts[2].lines, device: .emStatPico) }
    }

    @Test func unknownCommandsAreRefusedNotIgnored() throws {
        do {
            _ = try MethodSCRIPTProgram(parsing: ["var p", "meas_loop_swv p 1 2 3"], device: .nexus)
            Issue.record("an unsupported loop was accepted")
        } catch {
            #expect(error.code == MethodSCRIPTProgram.ErrorCode.unknownCommand)
            #expect(error.message.hasPrefix("line 2:"))
        }
    }

    @Test func deviceTypesDecideCapabilities() {
        #expect(!MethodSCRIPTDeviceType.emStatPico.capabilities.galvanostatic)
        #expect(!MethodSCRIPTDeviceType.emStatPico.capabilities.galvanostaticEIS)
        #expect(MethodSCRIPTDeviceType.emStat4HR.capabilities.maximumCurrent > MethodSCRIPTDeviceType.emStat4LR.capabilities.maximumCurrent)
        #expect(MethodSCRIPTDeviceType.nexus.capabilities.galvanostatic)
        #expect(MethodSCRIPTDeviceType.emStat4LR.currentRange(for: 2e-3) == 10e-3)
        #expect(MethodSCRIPTDeviceType.emStat4LR.currentRange(for: 1) == 30e-3)
    }
}
