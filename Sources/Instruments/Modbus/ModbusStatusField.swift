import Transport

/// A status word and what its bits mean.
///
/// Transmitters flag their own trouble (overload, A/D fault, unsettled
/// reading); a driver that ignored these bits would log a saturated number as
/// a real stack pressure.
public struct ModbusStatusField: Sendable, Hashable {
    public var table: ModbusRegisterTable
    public var register: Int
    /// `uint16` or `uint32`.
    public var type: ModbusDataType
    public var wordOrder: ModbusWordOrder
    /// Masks: any bit set in `error`, `overRange` or `underRange` means the
    /// reading is not to be trusted; all bits of `stable` set means settled.
    public var stable: UInt32
    public var overRange: UInt32
    public var underRange: UInt32
    public var error: UInt32

    public init(table: ModbusRegisterTable, register: Int, type: ModbusDataType = .uint16, wordOrder: ModbusWordOrder = .abcd,
                stable: UInt32 = 0, overRange: UInt32 = 0, underRange: UInt32 = 0, error: UInt32 = 0) {
        self.table = table
        self.register = register
        self.type = type
        self.wordOrder = wordOrder
        self.stable = stable
        self.overRange = overRange
        self.underRange = underRange
        self.error = error
    }

    public var span: ModbusSpan { ModbusSpan(table: table, register: register, count: type.registerCount) }

    /// Decodes the status word.
    public func status(from registers: ArraySlice<UInt16>) -> ModbusStatus {
        let words = Array(registers)
        let bits = words.count >= 2 ? wordOrder.bits(from: words[0], words[1]) : UInt32(words.first ?? 0)
        return ModbusStatus(word: bits,
                            stable: stable == 0 ? nil : bits & stable == stable,
                            overRange: bits & overRange != 0,
                            underRange: bits & underRange != 0,
                            error: bits & error != 0)
    }

    /// The status word a device in this state would show (for simulators).
    public func word(stable isStable: Bool, overRange isOver: Bool, underRange isUnder: Bool) -> [UInt16] {
        var bits: UInt32 = 0
        if isStable { bits |= stable }
        if isOver { bits |= overRange }
        if isUnder { bits |= underRange }
        return type.encode(Double(bits), order: wordOrder) ?? []
    }
}

/// A decoded status word.
public struct ModbusStatus: Sendable, Hashable {
    public var word: UInt32
    /// nil when the map names no stable bit.
    public var stable: Bool?
    public var overRange: Bool
    public var underRange: Bool
    public var error: Bool

    public init(word: UInt32, stable: Bool?, overRange: Bool, underRange: Bool, error: Bool) {
        self.word = word
        self.stable = stable
        self.overRange = overRange
        self.underRange = underRange
        self.error = error
    }
}
