import CLibUSB

/// Owns a libusb context and the device handle opened in it, and releases
/// both when dropped.
///
/// libusb's pointers are not `Sendable`; this box is only ever touched by the
/// actor that holds it, on that actor's thread, which is why `@unchecked` is sound.
final class LibUSBSession: @unchecked Sendable {
    private(set) var context: OpaquePointer?
    var handle: OpaquePointer?
    var claimedInterface: Int32?

    /// A fresh context: libusb enumerates the bus when a context starts, so
    /// a device that was unplugged and plugged back is found anew.
    func restartContext() -> Int32 {
        closeDevice()
        if let context { libusb_exit(context) }
        context = nil
        var created: OpaquePointer?
        let status = libusb_init(&created)
        context = status == 0 ? created : nil
        return status
    }

    func closeDevice() {
        guard let handle else { return }
        if let claimedInterface { libusb_release_interface(handle, claimedInterface) }
        libusb_close(handle)
        self.handle = nil
        claimedInterface = nil
    }

    deinit {
        closeDevice()
        if let context { libusb_exit(context) }
    }
}
