/// What a USBTMC interface says it supports (the GET_CAPABILITIES reply).
///
/// Offsets follow the Linux kernel's usbtmc driver: USBTMC bytes at 4–5,
/// USB488 bytes at 14–15 (python-usbtmc reads the wrong offset).
public struct USBTMCCapabilities: Sendable, Hashable {
    /// bcdUSBTMC, e.g. 0x0100.
    public var usbtmcVersion: UInt16
    /// The interface accepts only bulk-IN (bit 0 of byte 4 is listen-only, bit 1 talk-only).
    public var listenOnly: Bool
    public var talkOnly: Bool
    public var indicatorPulse: Bool
    /// The device can stop a reply at a TermChar (byte 5, bit 0).
    public var supportsTermChar: Bool
    /// bcdUSB488 (0 for a plain USBTMC interface).
    public var usb488Version: UInt16
    /// USB488 interface and device capability bytes, as the kernel reads them.
    public var usb488InterfaceCapabilities: UInt8
    public var usb488DeviceCapabilities: UInt8

    public init(usbtmcVersion: UInt16 = 0x0100, listenOnly: Bool = false, talkOnly: Bool = false,
                indicatorPulse: Bool = false, supportsTermChar: Bool = false, usb488Version: UInt16 = 0,
                usb488InterfaceCapabilities: UInt8 = 0, usb488DeviceCapabilities: UInt8 = 0) {
        self.usbtmcVersion = usbtmcVersion
        self.listenOnly = listenOnly
        self.talkOnly = talkOnly
        self.indicatorPulse = indicatorPulse
        self.supportsTermChar = supportsTermChar
        self.usb488Version = usb488Version
        self.usb488InterfaceCapabilities = usb488InterfaceCapabilities
        self.usb488DeviceCapabilities = usb488DeviceCapabilities
    }

    /// Parses the 0x18-byte reply; the first byte is the USBTMC status.
    public init(decoding reply: [UInt8]) throws(USBTMCFramingError) {
        guard reply.count >= 0x18 else {
            throw USBTMCFramingError("GET_CAPABILITIES answered \(reply.count) bytes; expected 24")
        }
        guard reply[0] == USBTMCStatus.success.rawValue else {
            throw USBTMCFramingError("GET_CAPABILITIES status 0x\(String(reply[0], radix: 16)); expected 0x01 (success)")
        }
        self.init(usbtmcVersion: UInt16(reply[2]) | UInt16(reply[3]) << 8,
                  listenOnly: reply[4] & 0x01 != 0, talkOnly: reply[4] & 0x02 != 0,
                  indicatorPulse: reply[4] & 0x04 != 0, supportsTermChar: reply[5] & 0x01 != 0,
                  usb488Version: UInt16(reply[12]) | UInt16(reply[13]) << 8,
                  usb488InterfaceCapabilities: reply[14], usb488DeviceCapabilities: reply[15])
    }

    /// The 0x18-byte reply a device sends, starting with a success status.
    public var encoded: [UInt8] {
        var reply = [UInt8](repeating: 0, count: 0x18)
        reply[0] = USBTMCStatus.success.rawValue
        reply[2] = UInt8(truncatingIfNeeded: usbtmcVersion)
        reply[3] = UInt8(truncatingIfNeeded: usbtmcVersion >> 8)
        reply[4] = (listenOnly ? 0x01 : 0) | (talkOnly ? 0x02 : 0) | (indicatorPulse ? 0x04 : 0)
        reply[5] = supportsTermChar ? 0x01 : 0
        reply[12] = UInt8(truncatingIfNeeded: usb488Version)
        reply[13] = UInt8(truncatingIfNeeded: usb488Version >> 8)
        reply[14] = usb488InterfaceCapabilities
        reply[15] = usb488DeviceCapabilities
        return reply
    }
}
