import CLibUSB

/// Where a device's USBTMC interface is: its number and bulk endpoints, read
/// from the active configuration descriptor (class 0xFE, subclass 0x03).
struct USBTMCInterfaceLayout: Sendable, Equatable {
    var interfaceNumber: UInt8
    var bulkOut: UInt8
    var bulkIn: UInt8
    var maximumPacketSize: Int

    static let interfaceClass: UInt8 = 0xFE
    static let interfaceSubclass: UInt8 = 0x03

    /// Finds the first USBTMC interface of `device`, or nil when it has none.
    static func find(in device: OpaquePointer) -> USBTMCInterfaceLayout? {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        guard libusb_get_active_config_descriptor(device, &config) == 0, let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[i]
            for a in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[a]
                guard setting.bInterfaceClass == interfaceClass, setting.bInterfaceSubClass == interfaceSubclass else { continue }
                var bulkOut: UInt8?
                var bulkIn: UInt8?
                var packet = 64
                for e in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[e]
                    guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                    if endpoint.bEndpointAddress & 0x80 != 0 {
                        bulkIn = endpoint.bEndpointAddress
                        packet = Int(endpoint.wMaxPacketSize)
                    } else {
                        bulkOut = endpoint.bEndpointAddress
                    }
                }
                if let bulkOut, let bulkIn {
                    return USBTMCInterfaceLayout(interfaceNumber: setting.bInterfaceNumber, bulkOut: bulkOut, bulkIn: bulkIn,
                                                 maximumPacketSize: max(packet, 1))
                }
            }
        }
        return nil
    }
}
