/// The two register tables a Modbus device exposes, by the function code that reads them.
public enum ModbusRegisterTable: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Read/write registers, read with function 3 and written with 6 or 16.
    case holding = 3
    /// Read-only registers, read with function 4.
    case input = 4

    public var description: String {
        switch self {
        case .holding: "holding register (function 3)"
        case .input: "input register (function 4)"
        }
    }
}
