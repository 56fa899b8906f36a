/// Building and checking whole USBTMC bulk transfers: header, payload, padding.
public enum USBTMCFraming {
    /// A DEV_DEP_MSG_OUT transfer carrying `payload`, zero-padded to 4 bytes.
    ///
    /// `*IDN?\n` with bTag 1 is `01 01 FE 00 06 00 00 00 01 00 00 00 2A 49 44 4E 3F 0A 00 00`.
    public static func deviceDependentOut(_ payload: [UInt8], tag: UInt8, endOfMessage: Bool = true) -> [UInt8] {
        let header = USBTMCHeader(messageID: .deviceDependentOut, tag: tag, transferSize: UInt32(payload.count),
                                  attributes: endOfMessage ? USBTMCHeader.endOfMessage : 0)
        return padded(header.bytes + payload)
    }

    /// A REQUEST_DEV_DEP_MSG_IN transfer: permission for the device to send up
    /// to `maximumSize` payload bytes, optionally stopping at `termChar`.
    public static func requestDeviceDependentIn(maximumSize: UInt32, tag: UInt8, termChar: UInt8? = nil) -> [UInt8] {
        USBTMCHeader(messageID: .deviceDependentIn, tag: tag, transferSize: maximumSize,
                     attributes: termChar == nil ? 0 : USBTMCHeader.termCharEnabled, termChar: termChar ?? 0).bytes
    }

    /// A DEV_DEP_MSG_IN transfer, as a device sends it.
    public static func deviceDependentIn(_ payload: [UInt8], tag: UInt8, endOfMessage: Bool) -> [UInt8] {
        let header = USBTMCHeader(messageID: .deviceDependentIn, tag: tag, transferSize: UInt32(payload.count),
                                  attributes: endOfMessage ? USBTMCHeader.endOfMessage : 0)
        return padded(header.bytes + payload)
    }

    /// Zero bytes appended until the count is a multiple of 4.
    public static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    /// The first transfer of a DEV_DEP_MSG_IN reply: its header, and the payload
    /// bytes this transfer holds (the rest follow in later bulk-IN transfers).
    public struct ReplyStart: Sendable, Equatable {
        public var header: USBTMCHeader
        public var payload: [UInt8]
    }

    /// Checks that `transfer` answers the request sent with `tag` for at most
    /// `maximumSize` bytes, as the kernel's usbtmc driver does.
    ///
    /// - Throws: when MsgID or bTag do not echo the request, or the device
    ///   announces more than was asked for.
    public static func replyStart(_ transfer: [UInt8], expectedTag tag: UInt8,
                                  maximumSize: UInt32) throws(USBTMCFramingError) -> ReplyStart {
        let header = try USBTMCHeader(decoding: transfer)
        guard header.messageID == .deviceDependentIn else {
            throw USBTMCFramingError("reply has MsgID \(header.messageID.rawValue); expected 2 (DEV_DEP_MSG_IN)")
        }
        guard header.tag == tag else {
            throw USBTMCFramingError("reply has bTag \(header.tag); expected \(tag), the bTag of the request")
        }
        guard header.transferSize <= maximumSize else {
            throw USBTMCFramingError("reply announces \(header.transferSize) bytes; only \(maximumSize) were requested")
        }
        let available = transfer.count - USBTMCHeader.size
        let payload = Array(transfer.dropFirst(USBTMCHeader.size).prefix(min(available, Int(header.transferSize))))
        return ReplyStart(header: header, payload: payload)
    }
}
