import Transport

/// The device side of USBTMC: what an instrument's USB interface does with
/// bulk-OUT transfers, bulk-IN requests and class control requests.
///
/// It holds no I/O: the emulated bus feeds it transfers and asks it for
/// bulk-IN data, so the framing rules are testable without a bus. Complete
/// messages go to `execute` (the SCPI instrument), whose replies wait here
/// until the host asks for them with REQUEST_DEV_DEP_MSG_IN.
struct USBTMCDeviceFunction {
    /// Runs one SCPI program message; returns its reply, if it had a query.
    var execute: (String) -> String?
    var fault = SCPIWireFault.none
    var capabilities = USBTMCCapabilities(usbtmcVersion: 0x0100, supportsTermChar: true, usb488Version: 0x0100,
                                          usb488InterfaceCapabilities: 0x07, usb488DeviceCapabilities: 0x0F)

    private var input: [UInt8] = []
    private var output: [UInt8] = []
    /// The outstanding REQUEST_DEV_DEP_MSG_IN: its bTag and size limit.
    private var request: (tag: UInt8, maximumSize: UInt32)?

    init(execute: @escaping (String) -> String?) {
        self.execute = execute
    }

    /// Handles one bulk-OUT transfer. Returns false for a transfer that breaks
    /// the framing rules, which a real device answers by stalling the endpoint.
    mutating func receiveBulkOut(_ transfer: [UInt8]) -> Bool {
        guard let header = try? USBTMCHeader(decoding: transfer) else { return false }
        switch header.messageID {
        case .deviceDependentOut:
            input += transfer.dropFirst(USBTMCHeader.size).prefix(Int(header.transferSize))
            if header.isEndOfMessage {
                let message = String(decoding: input, as: UTF8.self)
                input.removeAll()
                if let reply = execute(message), fault != .silent {
                    output += Array(reply.utf8) + [0x0A]
                }
            }
            return true
        case .deviceDependentIn:
            request = (header.tag, header.transferSize)
            return true
        case .vendorSpecificOut, .vendorSpecificIn:
            return false
        }
    }

    /// The next bulk-IN transfer, or nil when the device has nothing to send
    /// (it NAKs, and the host's transfer times out).
    mutating func nextBulkIn(maximumLength: Int) -> [UInt8]? {
        guard let pending = request, !output.isEmpty else { return nil }
        request = nil
        switch fault {
        case .garbage:
            output.removeAll()
            return [0x7E, 0x00, 0x13, 0xFF, 0x42, 0x42, 0x00, 0x00, 0x80, 0x9F, 0x00, 0x00, 0xDE, 0xAD, 0xBE, 0xEF]
        case .truncated:
            // Announce the whole reply, deliver half of it, then nothing more.
            let announced = UInt32(min(output.count, Int(pending.maximumSize)))
            let half = Array(output.prefix(Int(announced) / 2))
            output.removeAll()
            let header = USBTMCHeader(messageID: .deviceDependentIn, tag: pending.tag, transferSize: announced,
                                      attributes: USBTMCHeader.endOfMessage)
            return header.bytes + half
        case .none, .silent:
            let room = min(Int(pending.maximumSize), maximumLength - USBTMCHeader.size)
            let chunk = Array(output.prefix(room))
            output.removeFirst(chunk.count)
            return USBTMCFraming.deviceDependentIn(chunk, tag: pending.tag, endOfMessage: output.isEmpty)
        }
    }

    /// Answers a USBTMC class request; nil for one this device does not support (stall).
    mutating func control(_ request: USBTMCControlRequest, value: UInt16) -> [UInt8]? {
        switch request {
        case .getCapabilities:
            return capabilities.encoded
        case .initiateClear:
            input.removeAll()
            output.removeAll()
            self.request = nil
            return [USBTMCStatus.success.rawValue]
        case .checkClearStatus:
            return [USBTMCStatus.success.rawValue, 0]
        case .initiateAbortBulkIn, .initiateAbortBulkOut:
            output.removeAll()
            self.request = nil
            return [USBTMCStatus.success.rawValue, UInt8(truncatingIfNeeded: value)]
        case .checkAbortBulkInStatus, .checkAbortBulkOutStatus:
            return [USBTMCStatus.success.rawValue, 0, 0, 0, 0, 0, 0, 0]
        }
    }
}
