#if canImport(Glibc)
import Glibc
#endif
import CUmockdev
import Foundation
import Transport

/// A simulated SMU on umockdev's emulated USB bus, seen by an unmodified
/// libusb program as a USBTMC device (interface FE/03/01, bulk OUT 0x02,
/// bulk IN 0x81).
///
/// The testbed lives in this process; the client runs as a separate process
/// with `UMOCKDEV_DIR=<rootDirectory>` under `umockdev-wrapper`, which sends
/// its usbdevfs ioctls here (libusb's own tests/umockdev.c does the same in
/// one process). URBs are answered on umockdev's worker thread: bulk OUT goes
/// through `USBTMCDeviceFunction` to the SCPI instrument, bulk IN returns the
/// reply. `unplug()` makes every ioctl fail with ENODEV and removes the
/// device, as the kernel does when a cable is pulled; `plugIn()` brings it back.
public final class EmulatedUSBTMCInstrument: @unchecked Sendable {
    public let meter: SimulatedSourceMeter
    public let vendorID: UInt16
    public let productID: UInt16
    public let serialNumber: String
    /// The testbed's root: the `UMOCKDEV_DIR` a client process needs.
    public let rootDirectory: String

    private let testbed: UnsafeMutablePointer<UMockdevTestbed>
    private let handler: UnsafeMutablePointer<UMockdevIoctlBase>
    /// Guarded by `lock`: umockdev's worker thread and the test's thread both touch it.
    private var bus: BusState
    private let lock = NSLock()
    /// Where the instrument's SCPI runs, off the cooperative pool.
    let executor: DedicatedThreadExecutor
    static let devicePath = "/dev/bus/usb/001/002"
    static let sysfsPath = "/sys/devices/usb1/1-1"

    /// One submitted URB: the client memory umockdev mirrors, and its outcome once known.
    private struct Transfer {
        var data: UnsafeMutablePointer<UMockdevIoctlData>
        var status: Int32 = 0
        var reply: [UInt8] = []
        var actualLength: Int32 = 0
        var isControl = false
    }

    private struct BusState {
        var function: USBTMCDeviceFunction
        var plugged = true
        var inFlight: [Transfer] = []
        var completed: [Transfer] = []
    }

    /// The address a driver is given: `usbtmc://05e6:2450`.
    public var address: String {
        "usbtmc://\(Self.hex(vendorID)):\(Self.hex(productID))"
    }

    public init(meter: SimulatedSourceMeter, vendorID: UInt16 = 0x05E6, productID: UInt16 = 0x2450,
                serialNumber: String = "04412345") throws(TransportError) {
        self.meter = meter
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
        let executor = DedicatedThreadExecutor(name: "usbtmc-sim")
        self.executor = executor
        let function = USBTMCDeviceFunction { message in BlockingBridge.run(on: executor) { await meter.execute(message) } }
        bus = BusState(function: function)
        testbed = umockdev_testbed_new()
        handler = umockdev_ioctl_base_new()
        let root = umockdev_testbed_get_root_dir(testbed)
        rootDirectory = root.map { String(cString: $0) } ?? ""
        g_free(root)
        cyclerd_connect_handle_ioctl(handler, { _, client, data in
            guard let client, let data else { return 0 }
            return Unmanaged<EmulatedUSBTMCInstrument>.fromOpaque(data).takeUnretainedValue().handle(client) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        guard umockdev_testbed_attach_ioctl(testbed, Self.devicePath, handler, nil) != 0 else {
            throw TransportError(.system, address: address, detail: "umockdev could not attach an ioctl handler to \(Self.devicePath)")
        }
        try addDevice()
    }

    deinit {
        umockdev_testbed_detach_ioctl(testbed, Self.devicePath, nil)
        g_object_unref(UnsafeMutableRawPointer(handler))
        g_object_unref(UnsafeMutableRawPointer(testbed))
        executor.stop()
    }

    public var fault: SCPIWireFault {
        get { withBus { $0.function.fault } }
        set { withBus { $0.function.fault = newValue } }
    }

    /// The cable is pulled: transfers in flight fail, every later ioctl
    /// answers ENODEV, and the device leaves sysfs (a "remove" uevent).
    public func unplug() {
        withBus { bus in
            bus.plugged = false
            for var transfer in bus.inFlight {
                transfer.status = -ENODEV
                bus.completed.append(transfer)
            }
            bus.inFlight.removeAll()
        }
        // The "remove" uevent goes out while the device is still in sysfs, so
        // udev listeners (libusb's hotplug) can read what left, as libusb's
        // own umockdev tests do; then the device goes. umockdev reads the
        // device through libudev, which finds the testbed's /sys only in a
        // process under umockdev's preload library.
        if Self.isUnderUmockdevPreload {
            umockdev_testbed_uevent(testbed, Self.sysfsPath, "remove")
        }
        umockdev_testbed_remove_device(testbed, Self.sysfsPath)
    }

    /// The cable is back: the device reappears (an "add" uevent) with a fresh
    /// USB function; the instrument behind it keeps its state, as a real one does.
    public func plugIn() throws(TransportError) {
        try addDevice()
        withBus { bus in
            let execute = bus.function.execute
            let fault = bus.function.fault
            bus.function = USBTMCDeviceFunction(execute: execute)
            bus.function.fault = fault
            bus.completed.removeAll { $0.status == -ENODEV }
            bus.plugged = true
        }
    }

    private func withBus<T>(_ body: (inout BusState) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&bus)
    }

    /// Whether hotplug events can be sent: this process runs under
    /// `umockdev-wrapper` (`cyclersim usbtmc` does; an in-process test bus does not).
    public static var isUnderUmockdevPreload: Bool {
        guard let preload = getenv("LD_PRELOAD") else { return false }
        return String(cString: preload).contains("libumockdev-preload")
    }

    private func addDevice() throws(TransportError) {
        let description = """
            P: /devices/usb1/1-1
            N: bus/usb/001/002
            E: SUBSYSTEM=usb
            E: DRIVER=usb
            E: BUSNUM=001
            E: DEVNUM=002
            E: DEVNAME=\(Self.devicePath)
            E: DEVTYPE=usb_device
            E: ID_VENDOR_ID=\(Self.hex(vendorID))
            E: ID_MODEL_ID=\(Self.hex(productID))
            E: ID_SERIAL_SHORT=\(serialNumber)
            A: bConfigurationValue=1\\n
            A: busnum=1\\n
            A: devnum=2\\n
            A: speed=480\\n
            A: serial=\(serialNumber)\\n
            H: descriptors=\(descriptors.map(Self.hex).joined())

            """
        guard umockdev_testbed_add_from_string(testbed, description, nil) != 0 else {
            throw TransportError(.system, address: address, detail: "umockdev refused the device description")
        }
    }

    /// Device, configuration, interface (USBTMC, USB488) and endpoint descriptors.
    private var descriptors: [UInt8] {
        let device: [UInt8] = [18, 1, 0x00, 0x02, 0, 0, 0, 64,
                               UInt8(vendorID & 0xFF), UInt8(vendorID >> 8), UInt8(productID & 0xFF), UInt8(productID >> 8),
                               0x00, 0x01, 1, 2, 3, 1]
        let configuration: [UInt8] = [9, 2, 39, 0, 1, 1, 0, 0xC0, 50]
        let interface: [UInt8] = [9, 4, 0, 0, 3, 0xFE, 0x03, 0x01, 0]
        let bulkOut: [UInt8] = [7, 5, 0x02, 0x02, 0x00, 0x02, 0]
        let bulkIn: [UInt8] = [7, 5, 0x81, 0x02, 0x00, 0x02, 0]
        let interrupt: [UInt8] = [7, 5, 0x83, 0x03, 0x02, 0x00, 10]
        return device + configuration + interface + bulkOut + bulkIn + interrupt
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }

    private static func hex(_ value: UInt16) -> String {
        hex(UInt8(value >> 8)) + hex(UInt8(value & 0xFF))
    }

    // MARK: usbdevfs emulation (on umockdev's worker thread)

    private func handle(_ client: UnsafeMutablePointer<UMockdevIoctlClient>) -> Bool {
        let request = umockdev_ioctl_client_get_request(client)
        guard let argument = umockdev_ioctl_client_get_arg(client) else { return false }
        let plugged = withBus { $0.plugged }
        switch request {
        case CYCLERD_USBDEVFS_REAPURB, CYCLERD_USBDEVFS_REAPURBNDELAY:
            reap(client, argument, plugged: plugged)
        case _ where !plugged:
            umockdev_ioctl_client_complete(client, -1, ENODEV)
        case CYCLERD_USBDEVFS_GET_CAPABILITIES:
            if let value = umockdev_ioctl_data_resolve(argument, 0, 4, nil) {
                value.pointee.data.withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee = CYCLERD_USBDEVFS_CAPS }
                g_object_unref(UnsafeMutableRawPointer(value))
            }
            umockdev_ioctl_client_complete(client, 0, 0)
        case CYCLERD_USBDEVFS_CLAIMINTERFACE, CYCLERD_USBDEVFS_RELEASEINTERFACE, CYCLERD_USBDEVFS_SETINTERFACE,
             CYCLERD_USBDEVFS_SETCONFIGURATION, CYCLERD_USBDEVFS_CLEAR_HALT, CYCLERD_USBDEVFS_RESET,
             CYCLERD_USBDEVFS_RESETEP, CYCLERD_USBDEVFS_DISCONNECT_CLAIM:
            umockdev_ioctl_client_complete(client, 0, 0)
        case CYCLERD_USBDEVFS_GETDRIVER, CYCLERD_USBDEVFS_IOCTL:
            // No kernel driver is bound to the emulated interface.
            umockdev_ioctl_client_complete(client, -1, ENODATA)
        case CYCLERD_USBDEVFS_SUBMITURB:
            submit(client, argument)
        case CYCLERD_USBDEVFS_DISCARDURB:
            discard(client, argument)
        default:
            return false
        }
        return true
    }

    private func submit(_ client: UnsafeMutablePointer<UMockdevIoctlClient>, _ argument: UnsafeMutablePointer<UMockdevIoctlData>) {
        guard let urbData = umockdev_ioctl_data_resolve(argument, 0, UInt(CYCLERD_URB_SIZE), nil) else {
            umockdev_ioctl_client_complete(client, -1, EFAULT)
            return
        }
        let urb = UnsafeMutableRawPointer(urbData.pointee.data)
        let length = Int(cyclerd_urb_buffer_length(urb))
        let endpoint = cyclerd_urb_endpoint(urb)
        let type = cyclerd_urb_type(urb)
        guard let bufferData = umockdev_ioctl_data_resolve(urbData, UInt(CYCLERD_URB_BUFFER_OFFSET), UInt(length), nil) else {
            g_object_unref(UnsafeMutableRawPointer(urbData))
            umockdev_ioctl_client_complete(client, -1, EFAULT)
            return
        }
        let bytes = Array(UnsafeRawBufferPointer(start: bufferData.pointee.data, count: length))
        g_object_unref(UnsafeMutableRawPointer(bufferData))
        var transfer = Transfer(data: urbData)
        withBus { bus in
            switch type {
            case UInt8(USBDEVFS_URB_TYPE_CONTROL):
                transfer.isControl = true
                if let reply = control(bytes, &bus.function) {
                    transfer.reply = Array(reply.prefix(max(0, length - 8)))
                    transfer.actualLength = Int32(transfer.reply.count)
                } else {
                    transfer.status = -EPIPE
                }
                bus.completed.append(transfer)
            case UInt8(USBDEVFS_URB_TYPE_BULK) where endpoint & 0x80 == 0:
                if bus.function.receiveBulkOut(bytes) {
                    transfer.actualLength = Int32(length)
                } else {
                    transfer.status = -EPIPE
                }
                bus.completed.append(transfer)
                completeWaitingBulkIn(&bus)
            case UInt8(USBDEVFS_URB_TYPE_BULK):
                if let reply = bus.function.nextBulkIn(maximumLength: length) {
                    transfer.reply = reply
                    transfer.actualLength = Int32(reply.count)
                    bus.completed.append(transfer)
                } else {
                    bus.inFlight.append(transfer)
                }
            default:
                // The interrupt-IN endpoint (service requests) never fires.
                bus.inFlight.append(transfer)
            }
        }
        umockdev_ioctl_client_complete(client, 0, 0)
    }

    /// A bulk-IN transfer that waited for a reply gets it once a request arrives.
    private func completeWaitingBulkIn(_ bus: inout BusState) {
        guard let index = bus.inFlight.firstIndex(where: { cyclerd_urb_endpoint($0.data.pointee.data) == 0x81 }) else { return }
        let length = Int(cyclerd_urb_buffer_length(bus.inFlight[index].data.pointee.data))
        guard let reply = bus.function.nextBulkIn(maximumLength: length) else { return }
        var transfer = bus.inFlight.remove(at: index)
        transfer.reply = reply
        transfer.actualLength = Int32(reply.count)
        bus.completed.append(transfer)
    }

    private func control(_ setup: [UInt8], _ function: inout USBTMCDeviceFunction) -> [UInt8]? {
        guard setup.count >= 8 else { return nil }
        let requestType = setup[0]
        let request = setup[1]
        let value = UInt16(setup[2]) | UInt16(setup[3]) << 8
        if requestType & 0x60 == 0x20 {
            guard let classRequest = USBTMCControlRequest(rawValue: request) else { return nil }
            return function.control(classRequest, value: value)
        }
        guard requestType == 0x80, request == 6, value >> 8 == 3 else { return nil }
        return stringDescriptor(index: UInt8(value & 0xFF))
    }

    private func stringDescriptor(index: UInt8) -> [UInt8]? {
        let text: String
        switch index {
        case 0: return [4, 3, 0x09, 0x04]  // US English
        case 1: text = "Keithley Instruments"
        case 2: text = "Keithley SourceMeter \(Self.hex(productID))"
        case 3: text = serialNumber
        default: return nil
        }
        let units = Array(text.utf16)
        return [UInt8(2 + 2 * units.count), 3] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    private func reap(_ client: UnsafeMutablePointer<UMockdevIoctlClient>, _ argument: UnsafeMutablePointer<UMockdevIoctlData>,
                      plugged: Bool) {
        guard let transfer = withBus({ $0.completed.isEmpty ? nil : $0.completed.removeFirst() }) else {
            umockdev_ioctl_client_complete(client, -1, plugged ? EAGAIN : ENODEV)
            return
        }
        let urb = UnsafeMutableRawPointer(transfer.data.pointee.data)
        if !transfer.reply.isEmpty, let buffer = cyclerd_urb_buffer(urb) {
            let offset = transfer.isControl ? 8 : 0
            let room = Int(cyclerd_urb_buffer_length(urb)) - offset
            transfer.reply.prefix(room).withUnsafeBytes { (buffer + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        cyclerd_urb_complete(urb, transfer.status, transfer.actualLength)
        if let pointer = umockdev_ioctl_data_resolve(argument, 0, UInt(MemoryLayout<UnsafeRawPointer>.size), nil) {
            umockdev_ioctl_data_set_ptr(pointer, 0, transfer.data)
            g_object_unref(UnsafeMutableRawPointer(pointer))
        }
        g_object_unref(UnsafeMutableRawPointer(transfer.data))
        umockdev_ioctl_client_complete(client, 0, 0)
    }

    private func discard(_ client: UnsafeMutablePointer<UMockdevIoctlClient>, _ argument: UnsafeMutablePointer<UMockdevIoctlData>) {
        let address = argument.pointee.data.withMemoryRebound(to: UInt.self, capacity: 1) { $0.pointee }
        let found = withBus { bus -> Bool in
            guard let index = bus.inFlight.firstIndex(where: { $0.data.pointee.client_addr == address }) else { return false }
            var transfer = bus.inFlight.remove(at: index)
            transfer.status = -ENOENT
            bus.completed.append(transfer)
            return true
        }
        umockdev_ioctl_client_complete(client, found ? 0 : -1, found ? 0 : EINVAL)
    }
}
