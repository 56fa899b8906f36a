/// An exception a Modbus device returned instead of data (the response's
/// function code with its high bit set, then this code).
public enum ModbusException: Int, Sendable, Hashable, CustomStringConvertible {
    case illegalFunction = 1
    case illegalDataAddress = 2
    case illegalDataValue = 3
    case serverDeviceFailure = 4
    case acknowledge = 5
    case serverDeviceBusy = 6
    case negativeAcknowledge = 7
    case memoryParityError = 8
    case gatewayPathUnavailable = 10
    case gatewayTargetFailedToRespond = 11

    public var description: String {
        switch self {
        case .illegalFunction: "illegal function (the device does not support this function code)"
        case .illegalDataAddress: "illegal data address (no such register on this device; check the map's register numbers)"
        case .illegalDataValue: "illegal data value (the device refused the value or register count)"
        case .serverDeviceFailure: "server device failure"
        case .acknowledge: "acknowledge (the device accepted a long-running command)"
        case .serverDeviceBusy: "server device busy; retry later"
        case .negativeAcknowledge: "negative acknowledge"
        case .memoryParityError: "memory parity error"
        case .gatewayPathUnavailable: "gateway path unavailable"
        case .gatewayTargetFailedToRespond: "gateway target failed to respond (the serial device behind the gateway is silent)"
        }
    }
}
