import Testing
import Transport

/// Word orders and register encodings, against the vendor table in INSTRUMENTS.md.
@Suite struct ModbusWordOrderTests {
    @Test(arguments: [
        (ModbusWordOrder.abcd, [UInt16(0x47F1), 0x2000]),
        (.cdab, [0x2000, 0x47F1]),
        (.badc, [0xF147, 0x0020]),
        (.dcba, [0x0020, 0xF147]),
    ])
    func floatOf123456IsLaidOutAsDocumented(order: ModbusWordOrder, registers: [UInt16]) {
        #expect(ModbusDataType.float32.encode(123_456, order: order) == registers)
        #expect(ModbusDataType.float32.decode(registers[...], order: order) == 123_456)
    }

    @Test func floatOf123Point456IsLaidOutAsDocumented() {
        #expect(ModbusDataType.float32.encode(Double(Float(123.456)), order: .abcd) == [0x42F6, 0xE979])
        #expect(ModbusDataType.float32.encode(Double(Float(123.456)), order: .cdab) == [0xE979, 0x42F6])
    }

    @Test(arguments: ModbusWordOrder.allCases)
    func everyTypeRoundTripsInEveryOrder(order: ModbusWordOrder) throws {
        let samples: [(ModbusDataType, [Double])] = [
            (.int16, [-32_768, -1, 0, 1, 32_767]),
            (.uint16, [0, 1, 65_535]),
            (.int32, [-2_147_483_648, -70_000, -1, 0, 70_000, 2_147_483_647]),
            (.uint32, [0, 65_536, 4_294_967_295]),
            (.float32, [Double(Float(-1.5e-3)), 0, 2450.5, Double(Float.greatestFiniteMagnitude)]),
        ]
        for (type, values) in samples where type.registerCount == 2 || order == .abcd {
            for value in values {
                let registers = try #require(type.encode(value, order: order), "\(type) \(value)")
                #expect(registers.count == type.registerCount)
                #expect(type.decode(registers[...], order: order) == value, "\(type) \(value) \(order)")
            }
        }
    }

    @Test func valuesThatDoNotFitAreRefusedNotWrapped() {
        #expect(ModbusDataType.int16.encode(32_768, order: .abcd) == nil)
        #expect(ModbusDataType.uint16.encode(-1, order: .abcd) == nil)
        #expect(ModbusDataType.uint32.encode(4_294_967_296, order: .abcd) == nil)
        #expect(ModbusDataType.float32.encode(1e39, order: .abcd) == nil)
        #expect(ModbusDataType.float32.encode(.nan, order: .abcd) == nil)
    }

    @Test func signedIntegersDecodeTheirSign() {
        #expect(ModbusDataType.int16.decode([0xFFFE], order: .abcd) == -2)
        #expect(ModbusDataType.uint16.decode([0xFFFE], order: .abcd) == 65_534)
        #expect(ModbusDataType.int32.decode([0xFFFF, 0xFFFE], order: .abcd) == -2)
        #expect(ModbusDataType.int32.decode([0xFFFE, 0xFFFF], order: .cdab) == -2)
    }
}
