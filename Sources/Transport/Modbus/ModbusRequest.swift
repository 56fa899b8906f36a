/// One Modbus exchange as a user would describe it, carried by errors so that
/// the journal names the register that failed.
public struct ModbusRequest: Sendable, Hashable, CustomStringConvertible {
    public enum Function: Sendable, Hashable {
        case read(ModbusRegisterTable)
        /// Function 6 (one register) or 16 (several).
        case write
        case connect
    }

    public var function: Function
    /// Zero-based register address as it travels on the wire.
    public var register: Int
    public var count: Int

    public init(_ function: Function, register: Int, count: Int) {
        self.function = function
        self.register = register
        self.count = count
    }

    /// The function code on the wire (0 for connecting).
    public var code: Int {
        switch function {
        case .read(let table): table.rawValue
        case .write: count == 1 ? 6 : 16
        case .connect: 0
        }
    }

    public var description: String {
        let span = count == 1 ? "register \(register) (0x\(hex(register)))"
            : "registers \(register)…\(register + count - 1) (0x\(hex(register))…0x\(hex(register + count - 1)))"
        switch function {
        case .read(let table): return "function \(code) read of \(span), \(table == .holding ? "holding" : "input")"
        case .write: return "function \(code) write of \(span)"
        case .connect: return "connecting"
        }
    }

    private func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
