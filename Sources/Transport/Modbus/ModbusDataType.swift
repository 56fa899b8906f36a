/// The register encodings a map may name for one quantity.
///
/// Decoding and encoding live here, in Swift, rather than in libmodbus: Debian's
/// libmodbus 3.1.6 `modbus_set_float_*` setters swap bytes (fixed in 3.1.11).
public enum ModbusDataType: String, Sendable, Hashable, CaseIterable {
    case int16, uint16, int32, uint32, float32

    /// Registers one value occupies.
    public var registerCount: Int {
        switch self {
        case .int16, .uint16: 1
        case .int32, .uint32, .float32: 2
        }
    }

    /// The raw number in `registers` (wire order). Word order applies to 32-bit types only.
    ///
    /// - Precondition: `registers.count == registerCount`; callers read exactly that many.
    public func decode(_ registers: ArraySlice<UInt16>, order: ModbusWordOrder) -> Double {
        let first = registers[registers.startIndex]
        switch self {
        case .int16: return Double(Int16(bitPattern: first))
        case .uint16: return Double(first)
        case .int32, .uint32, .float32:
            let bits = order.bits(from: first, registers[registers.startIndex + 1])
            switch self {
            case .int32: return Double(Int32(bitPattern: bits))
            case .uint32: return Double(bits)
            default: return Double(Float(bitPattern: bits))
            }
        }
    }

    /// The registers (wire order) holding `value`, rounded to the nearest integer
    /// for integer types, or nil when the value does not fit the type.
    public func encode(_ value: Double, order: ModbusWordOrder) -> [UInt16]? {
        guard value.isFinite else { return nil }
        switch self {
        case .int16:
            guard let raw = Int16(exactly: value.rounded()) else { return nil }
            return [UInt16(bitPattern: raw)]
        case .uint16:
            guard let raw = UInt16(exactly: value.rounded()) else { return nil }
            return [raw]
        case .int32:
            guard let raw = Int32(exactly: value.rounded()) else { return nil }
            return order.registers(from: UInt32(bitPattern: raw))
        case .uint32:
            guard let raw = UInt32(exactly: value.rounded()) else { return nil }
            return order.registers(from: raw)
        case .float32:
            let single = Float(value)
            guard single.isFinite else { return nil }
            return order.registers(from: single.bitPattern)
        }
    }

    /// The representable range, for messages that say what would fit.
    public var range: ClosedRange<Double> {
        switch self {
        case .int16: Double(Int16.min)...Double(Int16.max)
        case .uint16: 0...Double(UInt16.max)
        case .int32: Double(Int32.min)...Double(Int32.max)
        case .uint32: 0...Double(UInt32.max)
        case .float32: -Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude)
        }
    }
}
