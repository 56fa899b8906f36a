/// The 12-byte header that starts every USBTMC bulk transfer (USBTMC 1.0 §3.2).
///
/// Little-endian: MsgID, bTag, ~bTag, 0, transfer size (payload only, 4 bytes),
/// attributes, TermChar, two zero bytes. The payload after it is zero-padded so
/// the whole transfer is a multiple of 4 bytes.
public struct USBTMCHeader: Sendable, Hashable {
    /// Which bulk message this is.
    public enum MessageID: UInt8, Sendable {
        /// Host to device: a command or query (bulk OUT).
        case deviceDependentOut = 1
        /// On bulk OUT: the host asks for a reply. On bulk IN: the reply itself
        /// (DEV_DEP_MSG_IN shares the number).
        case deviceDependentIn = 2
        case vendorSpecificOut = 126
        case vendorSpecificIn = 127
    }

    public static let size = 12
    /// Attribute bit 0 on DEV_DEP_MSG_OUT and DEV_DEP_MSG_IN: this transfer ends the message.
    public static let endOfMessage: UInt8 = 0x01
    /// Attribute bit 1 on REQUEST_DEV_DEP_MSG_IN: stop the reply at `termChar`.
    public static let termCharEnabled: UInt8 = 0x02

    public var messageID: MessageID
    public var tag: UInt8
    public var transferSize: UInt32
    public var attributes: UInt8
    public var termChar: UInt8

    public init(messageID: MessageID, tag: UInt8, transferSize: UInt32, attributes: UInt8 = 0, termChar: UInt8 = 0) {
        self.messageID = messageID
        self.tag = tag
        self.transferSize = transferSize
        self.attributes = attributes
        self.termChar = termChar
    }

    public var isEndOfMessage: Bool { attributes & Self.endOfMessage != 0 }

    public var bytes: [UInt8] {
        [messageID.rawValue, tag, ~tag, 0,
         UInt8(truncatingIfNeeded: transferSize), UInt8(truncatingIfNeeded: transferSize >> 8),
         UInt8(truncatingIfNeeded: transferSize >> 16), UInt8(truncatingIfNeeded: transferSize >> 24),
         attributes, termChar, 0, 0]
    }

    /// Reads a header, checking the bTag/~bTag pair and the reserved byte.
    ///
    /// - Throws: `USBTMCFramingError` naming the first byte that is wrong.
    public init(decoding bytes: some Collection<UInt8>) throws(USBTMCFramingError) {
        let b = Array(bytes.prefix(Self.size))
        guard b.count == Self.size else {
            throw USBTMCFramingError("a USBTMC header is 12 bytes; got \(b.count)")
        }
        guard let id = MessageID(rawValue: b[0]) else {
            throw USBTMCFramingError("MsgID \(b[0]) is not a USBTMC bulk message (expected 1, 2, 126 or 127)")
        }
        guard b[1] != 0, b[2] == ~b[1], b[3] == 0 else {
            throw USBTMCFramingError("bTag \(b[1]) / ~bTag \(b[2]) / reserved \(b[3]) are inconsistent (bTag 1–255, then its complement, then 0)")
        }
        let size = UInt32(b[4]) | UInt32(b[5]) << 8 | UInt32(b[6]) << 16 | UInt32(b[7]) << 24
        self.init(messageID: id, tag: b[1], transferSize: size, attributes: b[8], termChar: b[9])
    }
}

/// Bytes on a USBTMC bulk endpoint that break the framing rules.
public struct USBTMCFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var detail: String
    public init(_ detail: String) { self.detail = detail }
    public var description: String { detail }
}
