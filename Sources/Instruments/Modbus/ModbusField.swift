import Electrochemistry
import Transport

/// One numeric quantity in a device's registers: where it is, how it is
/// encoded, and how its raw number becomes SI.
///
/// The SI value is `gain · (raw · scale) + offset`, where `gain` and `offset`
/// come from the unit (`kgf` → 9.80665 N, `degC` → +273.15 K), so a map names
/// the unit the device displays and nothing else.
public struct ModbusField: Sendable, Hashable {
    /// The map's name for it (`force`, `setpoint`), for error messages.
    public var name: String
    public var table: ModbusRegisterTable
    /// Zero-based wire address.
    public var register: Int
    public var type: ModbusDataType
    public var wordOrder: ModbusWordOrder
    /// Raw counts × scale = value in `unit` (0.1 for one implied decimal).
    public var scale: Double
    /// The unit as written in the map (`kgf`, `degC`).
    public var unit: String
    /// SI per unit, and the SI value of 0 in the unit.
    public var gain: Double
    public var offset: Double
    /// `.force`, `.pressure` or `.temperature`.
    public var dimension: PhysicalDimension

    public init(name: String, table: ModbusRegisterTable, register: Int, type: ModbusDataType,
                wordOrder: ModbusWordOrder = .abcd, scale: Double = 1, unit: String, gain: Double, offset: Double,
                dimension: PhysicalDimension) {
        self.name = name
        self.table = table
        self.register = register
        self.type = type
        self.wordOrder = wordOrder
        self.scale = scale
        self.unit = unit
        self.gain = gain
        self.offset = offset
        self.dimension = dimension
    }

    /// The registers it spans.
    public var span: ModbusSpan { ModbusSpan(table: table, register: register, count: type.registerCount) }

    /// The SI value of the raw registers (exactly `type.registerCount` of them).
    public func value(from registers: ArraySlice<UInt16>) -> Double {
        gain * (type.decode(registers, order: wordOrder) * scale) + offset
    }

    /// The registers that carry `si`, or nil when it does not fit the type.
    public func registers(for si: Double) -> [UInt16]? {
        type.encode((si - offset) / gain / scale, order: wordOrder)
    }

    /// The SI values the type can carry, for messages.
    public var representableRange: ClosedRange<Double> {
        let ends = [type.range.lowerBound, type.range.upperBound].map { gain * $0 * scale + offset }
        return (ends.min() ?? 0)...(ends.max() ?? 0)
    }
}

/// A run of registers in one table.
public struct ModbusSpan: Sendable, Hashable {
    public var table: ModbusRegisterTable
    public var register: Int
    public var count: Int

    public init(table: ModbusRegisterTable, register: Int, count: Int) {
        self.table = table
        self.register = register
        self.count = count
    }

    public var end: Int { register + count }
}
