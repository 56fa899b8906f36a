/// USBTMC class-specific control requests (USBTMC 1.0 table 15).
///
/// Abort requests go to an endpoint (bmRequestType 0xA2); clear and
/// GET_CAPABILITIES go to the interface (0xA1).
public enum USBTMCControlRequest: UInt8, Sendable, CaseIterable {
    case initiateAbortBulkOut = 1
    case checkAbortBulkOutStatus = 2
    case initiateAbortBulkIn = 3
    case checkAbortBulkInStatus = 4
    case initiateClear = 5
    case checkClearStatus = 6
    case getCapabilities = 7

    /// bmRequestType: device-to-host, class, to the interface or endpoint.
    public var requestType: UInt8 {
        switch self {
        case .initiateAbortBulkOut, .checkAbortBulkOutStatus, .initiateAbortBulkIn, .checkAbortBulkInStatus: 0xA2
        case .initiateClear, .checkClearStatus, .getCapabilities: 0xA1
        }
    }

    /// wLength: how many bytes the device answers with.
    public var replyLength: Int {
        switch self {
        case .initiateAbortBulkOut, .initiateAbortBulkIn: 2
        case .checkAbortBulkOutStatus, .checkAbortBulkInStatus: 8
        case .initiateClear: 1
        case .checkClearStatus: 2
        case .getCapabilities: 0x18
        }
    }
}

/// The USBTMC_status byte that starts every control reply.
public enum USBTMCStatus: UInt8, Sendable {
    case success = 0x01
    case pending = 0x02
    case failed = 0x80
    case transferNotInProgress = 0x81
    case splitNotInProgress = 0x82
    case splitInProgress = 0x83
}
