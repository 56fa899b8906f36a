import CyclerConfiguration
@testable import Instruments
import Testing
import Transport

/// Register maps: the shipped files load to the registers their vendors
/// document, and mistakes come back located with what would be valid.
@Suite struct ModbusRegisterMapTests {
    @Test func laumasUsesManualNumbering() throws {
        let map = try ModbusFixtures.map("laumas")
        #expect(map.measurand == .force)
        #expect(map.measurement.table == .holding && map.measurement.register == 7)
        #expect(map.measurement.type == .int32 && map.measurement.wordOrder == .abcd)
        let status = try #require(map.status)
        #expect(status.register == 6)
        #expect(status.error == 0b11 && status.overRange == 1 << 3 && status.stable == 1 << 11)
        // 3059 counts of 0.1 kgf.
        #expect(abs(map.measurement.value(from: [0, 3059]) - 305.9 * 9.806_65) < 1e-9)
    }

    @Test func flintecEurothermAndJumoPointAtTheirDocumentedRegisters() throws {
        let flintec = try ModbusFixtures.map("flintec")
        #expect(flintec.measurement.register == 0x2000 && flintec.measurement.type == .float32)
        #expect(flintec.status?.register == 0x2060 && flintec.status?.stable == 0x10 && flintec.status?.overRange == 0x2)
        let eurotherm = try ModbusFixtures.map("eurotherm")
        #expect(eurotherm.measurement.register == 0x8000 + 2 * 1)
        #expect(eurotherm.setpoint?.register == 0x8000 + 2 * 2)
        #expect(eurotherm.safeSetpoint == 298.15)
        let jumo = try ModbusFixtures.map("jumo")
        #expect(jumo.measurement.register == 0x7000 && jumo.measurement.wordOrder == .cdab)
        // 25 °C in the map's unit is 298.15 K inside.
        #expect(abs(jumo.measurement.value(from: ModbusDataType.float32.encode(25, order: .cdab)![...]) - 298.15) < 1e-9)
    }

    @Test func unitsBecomeSI() throws {
        for (unit, expected) in [("N", 1.0), ("kN", 1e3), ("kgf", 9.806_65)] {
            let map = try ModbusRegisterMap(yaml: "vendor: V\nmodel: M\nforce: {register: 0, type: uint16, unit: \(unit)}", file: "f.yaml")
            #expect(abs(map.measurement.value(from: [1]) - expected) < 1e-12, "\(unit)")
        }
        for (unit, expected) in [("MPa", 1e6), ("bar", 1e5), ("kPa", 1e3)] {
            let map = try ModbusRegisterMap(yaml: "vendor: V\nmodel: M\npressure: {register: 0, type: uint16, unit: \(unit)}", file: "f.yaml")
            #expect(abs(map.measurement.value(from: [1]) - expected) < 1e-6, "\(unit)")
        }
    }

    @Test func setpointsEncodeThroughTheSameScale() throws {
        let map = try ModbusRegisterMap(yaml: """
            vendor: V
            model: M
            temperature: {register: 1, type: int16, scale: 0.1, unit: degC}
            setpoint: {register: 2, type: int16, scale: 0.1}
            """, file: "f.yaml")
        let setpoint = try #require(map.setpoint)
        #expect(setpoint.unit == "degC")
        #expect(setpoint.registers(for: 273.15 + 60) == [600])
        #expect(setpoint.registers(for: 273.15 + 5000) == nil)
    }

    @Test(arguments: [
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int33, unit: N}", 3, "force.type", "is not one of"),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, unit: MPa}", 3, "force.unit", "not a unit of force"),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, word_order: CDAB, unit: N}", 3, "force.word_order", "32-bit types only"),
        ("vendor: V\nmodel: M\nforce: {register: 70000, type: int16, unit: N}", 3, "force.register", "0 to 65535"),
        ("vendor: V\nmodel: M\naddressing: modicon\nforce: {register: 7, type: int16, unit: N}", 4, "force.register", "40001–49999"),
        ("vendor: V\nmodel: M\naddressing: modicon\nforce: {register: 30001, function: holding, type: int16, unit: N}", 4, "force.function", "input register"),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, unit: N}\nsetpoint: {register: 4, function: 4, type: int16}", 4, "setpoint", "cannot be written"),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, unit: N}\nstatus: {register: 1, bits: {stable: 16}}", 4, "status.bits.stable", "0 to 15"),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, unit: N}\nstatsu: {register: 1}", 4, "statsu", "did you mean \"status\""),
        ("vendor: V\nmodel: M\nforce: {register: 0, type: int16, unit: N}\npressure: {register: 2, type: int16, unit: bar}", 1, "", "one measurement"),
        ("vendor: V\nmodel: M\n", 1, "", "names no measurement"),
    ])
    func mistakesAreLocated(yaml: String, line: Int, field: String, message: String) {
        #expect {
            try ModbusRegisterMap(yaml: yaml, file: "rig.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.file == "rig.yaml" && error.line == line && error.field == field && error.message.contains(message)
        }
    }

    @Test func unknownShippedNameListsTheChoices() {
        #expect {
            try ModbusMapCatalog.load("laumass", searching: [ModbusFixtures.instrumentsDirectory])
        } throws: { error in
            "\(error)".contains("eurotherm, flintec, jumo, laumas")
        }
    }

    @Test func onlyTouchingRegistersAreReadTogether() throws {
        let laumas = try ModbusFixtures.map("laumas")
        let spans = [laumas.measurement.span, try #require(laumas.status?.span)]
        let plan = ModbusDevice.plan(spans)
        #expect(plan.map(\.block) == [ModbusSpan(table: .holding, register: 6, count: 3)])
        #expect(plan.first?.members == [1, 0])
        let flintec = try ModbusFixtures.map("flintec")
        #expect(ModbusDevice.plan([flintec.measurement.span, try #require(flintec.status?.span)]).count == 2)
    }
}
