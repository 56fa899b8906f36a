/// How a device lays the four bytes of a 32-bit value across two registers.
///
/// The bytes of the value, most significant first, are A B C D. Modbus fixes
/// only the byte order inside one register (big-endian), so vendors disagree on
/// the rest and every map must say which order its device uses. The names are
/// the order in which the bytes appear on the wire.
public enum ModbusWordOrder: String, Sendable, Hashable, CaseIterable {
    /// High word first, each word big-endian (Modbus's own convention; Laumas, Eurotherm).
    case abcd = "ABCD"
    /// Low word first, each word big-endian ("word swapped"; many JUMO and Schneider devices).
    case cdab = "CDAB"
    /// High word first, bytes inside each word swapped.
    case badc = "BADC"
    /// Fully little-endian.
    case dcba = "DCBA"

    /// Splits a 32-bit pattern into the two registers in wire order.
    public func registers(from bits: UInt32) -> [UInt16] {
        let high = UInt16(truncatingIfNeeded: bits >> 16)
        let low = UInt16(truncatingIfNeeded: bits)
        switch self {
        case .abcd: return [high, low]
        case .cdab: return [low, high]
        case .badc: return [high.byteSwapped, low.byteSwapped]
        case .dcba: return [low.byteSwapped, high.byteSwapped]
        }
    }

    /// Joins two registers, in wire order, back into the 32-bit pattern.
    public func bits(from first: UInt16, _ second: UInt16) -> UInt32 {
        let (high, low): (UInt16, UInt16) = switch self {
        case .abcd: (first, second)
        case .cdab: (second, first)
        case .badc: (first.byteSwapped, second.byteSwapped)
        case .dcba: (second.byteSwapped, first.byteSwapped)
        }
        return UInt32(high) << 16 | UInt32(low)
    }
}
