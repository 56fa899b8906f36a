import CLibUSB

extension TransportError {
    /// Maps a negative libusb return code onto the transport's error kinds, so
    /// a driver can tell an unplugged cable (reconnect) from a protocol fault.
    static func libusb(_ code: Int32, address: String, doing action: String) -> TransportError {
        let name = String(cString: libusb_error_name(code))
        let text = "\(action) failed: \(name)"
        switch code {
        case LIBUSB_ERROR_TIMEOUT.rawValue:
            return TransportError(.timeout, address: address, detail: "\(text); the instrument did not answer in time")
        case LIBUSB_ERROR_NO_DEVICE.rawValue:
            return TransportError(.disconnected, address: address, detail: "\(text); the device was unplugged or powered off")
        case LIBUSB_ERROR_NOT_FOUND.rawValue:
            return TransportError(.unavailable, address: address, detail: "\(text); is the device plugged in?")
        case LIBUSB_ERROR_ACCESS.rawValue:
            return TransportError(.unavailable, address: address,
                                  detail: "\(text); no permission for the USB device (install cyclerd's udev rules or add the user to its group)")
        case LIBUSB_ERROR_BUSY.rawValue:
            return TransportError(.unavailable, address: address, detail: "\(text); another program has claimed the interface")
        case LIBUSB_ERROR_PIPE.rawValue, LIBUSB_ERROR_OVERFLOW.rawValue:
            return TransportError(.malformed, address: address, detail: "\(text); the endpoint stalled or sent more than asked")
        default:
            return TransportError(.system, address: address, detail: text)
        }
    }
}
