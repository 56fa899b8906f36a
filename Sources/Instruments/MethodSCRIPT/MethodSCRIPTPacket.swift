/// A `P` data packet: the variables a script's `pck_add` lines put in it.
///
/// Wire form (INSTRUMENTS.md): `P` then `;`-separated variables, each a
/// two-letter type, seven hex digits offset by 0x8000000, one SI-prefix
/// character (or `     nan` in place of the eight), then optional
/// `,1X` (status) and `,2XX` (current range) metadata tokens.
public struct MethodSCRIPTPacket: Sendable, Hashable {
    public var variables: [MethodSCRIPTVariable]

    public init(variables: [MethodSCRIPTVariable]) {
        self.variables = variables
    }

    /// The first variable of `type`, if the packet has one.
    public subscript(type: MethodSCRIPTVariableType) -> MethodSCRIPTVariable? {
        variables.first { $0.type == type }
    }

    static let offset = 0x800_0000
    static let nan = Array("     nan".utf8)

    /// Decodes one line (without its `\n`).
    public init(decoding line: String) throws(MethodSCRIPTDecodingError) {
        let bytes = Array(line.utf8)
        guard bytes.first == UInt8(ascii: "P") else {
            throw MethodSCRIPTDecodingError(line: line, column: 1, expected: "\"P\" starting a data packet")
        }
        var variables: [MethodSCRIPTVariable] = []
        var start = 1
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            variables.append(try Self.variable(bytes[start..<end], line: line))
            start = end + 1
        }
        self.variables = variables
    }

    private static func variable(_ field: ArraySlice<UInt8>, line: String) throws(MethodSCRIPTDecodingError) -> MethodSCRIPTVariable {
        let at = field.startIndex
        func fail(_ offset: Int, _ expected: String) -> MethodSCRIPTDecodingError {
            MethodSCRIPTDecodingError(line: line, column: offset + 1, expected: expected)
        }
        guard field.count >= 2, field[at...].prefix(2).allSatisfy(isLowercaseLetter) else {
            throw fail(at, "a two-letter variable type such as \"da\" or \"ba\"")
        }
        let type = MethodSCRIPTVariableType(rawValue: String(decoding: field.prefix(2), as: UTF8.self))
        guard field.count >= 10 else {
            throw fail(at + 2, "seven hex digits and an SI prefix after \"\(type)\" (the packet is truncated)")
        }
        let digits = field[(at + 2)..<(at + 9)]
        let value: Double
        if Array(field[(at + 2)..<(at + 10)]) == nan {
            value = .nan
        } else {
            var raw = 0
            for (k, byte) in zip(digits.indices, digits) {
                guard let digit = hexValue(byte) else { throw fail(k, "a hex digit in the value of \"\(type)\"") }
                raw = raw << 4 | digit
            }
            let symbol = Character(UnicodeScalar(field[at + 9]))
            guard let exponent = MethodSCRIPTPrefix.exponents[symbol] else {
                throw fail(at + 9, "an SI prefix (a f p n u m space k M G T P E, or i) after the digits of \"\(type)\"")
            }
            value = MethodSCRIPTPrefix.scale(Double(raw - offset), exponent: exponent)
        }
        var status: MethodSCRIPTStatus = []
        var range: UInt8?
        var k = at + 10
        while k < field.endIndex {
            guard field[k] == UInt8(ascii: ",") else { throw fail(k, "\",\" before a metadata token or \";\" before the next variable") }
            let tokenStart = k + 1
            let tokenEnd = field[tokenStart...].firstIndex(of: UInt8(ascii: ",")) ?? field.endIndex
            let token = field[tokenStart..<tokenEnd]
            guard let kind = token.first, token.dropFirst().allSatisfy({ hexValue($0) != nil }), token.count >= 2 else {
                throw fail(tokenStart, "a metadata token: a type digit then hex digits, such as 14 (status) or 284 (range)")
            }
            let payload = token.dropFirst().reduce(0) { $0 << 4 | (hexValue($1) ?? 0) }
            switch kind {
            case UInt8(ascii: "1"):
                guard token.count == 2 else { throw fail(tokenStart, "one hex digit of status after \"1\"") }
                status = MethodSCRIPTStatus(rawValue: UInt8(payload))
            case UInt8(ascii: "2"):
                guard token.count == 3 else { throw fail(tokenStart, "two hex digits of current range after \"2\"") }
                range = UInt8(payload)
            default:
                break // Metadata types this driver does not use are skipped, as PalmSens' own parsers do.
            }
            k = tokenEnd
        }
        return MethodSCRIPTVariable(type: type, value: value, status: status, currentRange: range)
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        default: nil
        }
    }

    // MARK: Encoding (what a device sends; used by the simulator)

    /// The packet as the device writes it, without the `\n`.
    public var encoded: String {
        "P" + variables.map(Self.encode).joined(separator: ";")
    }

    /// A value with the finest prefix whose seven hex digits still hold it,
    /// which is the most resolution the format allows.
    static func encode(_ variable: MethodSCRIPTVariable) -> String {
        var text = variable.type.rawValue
        let value = variable.value
        if value.isNaN {
            text += "     nan"
        } else {
            let limit = Double(offset - 1)
            let (symbol, factor) = value == 0
                ? (" ", 1.0)
                : MethodSCRIPTPrefix.ascending.first { abs(value / $0.factor).rounded() <= limit } ?? ("E", 1e18)
            let scaled = Int(max(-limit, min(limit, (value / factor).rounded())))
            let hex = String(scaled + offset, radix: 16, uppercase: true)
            text += String(repeating: "0", count: max(0, 7 - hex.count)) + hex + String(symbol)
        }
        if !variable.status.isEmpty || variable.currentRange != nil {
            text += ",1" + String(variable.status.rawValue, radix: 16, uppercase: true)
        }
        if let range = variable.currentRange {
            let hex = String(range, radix: 16, uppercase: true)
            text += ",2" + (hex.count < 2 ? "0" : "") + hex
        }
        return text
    }
}
