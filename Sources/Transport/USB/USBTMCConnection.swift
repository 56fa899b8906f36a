import CLibUSB
#if canImport(Glibc)
import Glibc
#endif

/// A USBTMC instrument (a Keithley 2450 on its USB port, say) driven through libusb.
///
/// Messages go out as DEV_DEP_MSG_OUT transfers; each reply is asked for with
/// REQUEST_DEV_DEP_MSG_IN and checked for its MsgID, bTag and size before its
/// payload is believed. Every libusb call blocks, so the actor runs on a thread
/// of its own. An unplugged device surfaces as `.disconnected`; `open()` looks
/// for it again, which is how the driver reconnects.
public actor USBTMCConnection {
    public nonisolated let vendorID: UInt16
    public nonisolated let productID: UInt16
    public nonisolated let serialNumber: String?
    /// The address URL (`usbtmc://05e6:2450`), used in every error.
    public nonisolated let address: String
    /// Deadline for each bulk or control transfer.
    public var timeout: Duration
    /// What the interface reported from GET_CAPABILITIES, once open.
    public private(set) var capabilities: USBTMCCapabilities?
    /// Largest reply accepted; a device that keeps sending is malfunctioning.
    public nonisolated let maximumMessageLength: Int

    private let session = LibUSBSession()
    private var layout: USBTMCInterfaceLayout?
    private var tags = USBTMCTagSequence()
    private let executor: DedicatedThreadExecutor
    /// Payload bytes asked for per REQUEST_DEV_DEP_MSG_IN.
    private static let requestSize: UInt32 = 4084

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public init(vendorID: UInt16, productID: UInt16, serialNumber: String? = nil, timeout: Duration = .seconds(1),
                address: String? = nil, maximumMessageLength: Int = 1 << 20) {
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
        self.timeout = timeout
        self.address = address ?? USBTMCConnection.defaultAddress(vendorID, productID, serialNumber)
        self.maximumMessageLength = maximumMessageLength
        executor = DedicatedThreadExecutor(name: "usbtmc \(USBTMCConnection.defaultAddress(vendorID, productID, serialNumber))")
    }

    deinit {
        executor.stop()
    }

    static func defaultAddress(_ vendor: UInt16, _ product: UInt16, _ serial: String?) -> String {
        "usbtmc://\(hex4(vendor)):\(hex4(product))" + (serial.map { "/\($0)" } ?? "")
    }

    private static func hex4(_ value: UInt16) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 4 - text.count) + text
    }

    public var isOpen: Bool { session.handle != nil }

    public func setTimeout(_ timeout: Duration) { self.timeout = timeout }

    /// Finds the device, detaches the kernel's usbtmc driver, claims the
    /// interface and reads its capabilities. Closes any open handle first.
    public func open() throws(TransportError) {
        close()
        let started = session.restartContext()
        guard started == 0, let context = session.context else {
            throw TransportError.libusb(started, address: address, doing: "initialising libusb")
        }
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { throw TransportError.libusb(Int32(count), address: address, doing: "listing USB devices") }
        defer { libusb_free_device_list(list, 1) }
        var seen = 0
        for index in 0..<count {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0,
                  descriptor.idVendor == vendorID, descriptor.idProduct == productID else { continue }
            seen += 1
            var opened: OpaquePointer?
            let status = libusb_open(device, &opened)
            guard status == 0, let opened else { throw TransportError.libusb(status, address: address, doing: "opening the device") }
            if let serialNumber, readSerialNumber(opened, index: descriptor.iSerialNumber) != serialNumber {
                libusb_close(opened)
                continue
            }
            try claim(opened, device: device)
            return
        }
        let which = serialNumber.map { " with serial number \($0)" } ?? ""
        throw TransportError(.unavailable, address: address,
                             detail: "no USB device \(Self.hex4(vendorID)):\(Self.hex4(productID))\(which) is connected" +
                                (seen > 0 ? " (\(seen) with other serial numbers)" : "") + "; check the cable and `lsusb`")
    }

    /// Releases the interface and closes the device. Idempotent.
    public func close() {
        session.closeDevice()
        layout = nil
        capabilities = nil
    }

    /// Sends one complete message (EOM set) in a DEV_DEP_MSG_OUT transfer.
    public func write(_ payload: [UInt8]) throws(TransportError) {
        let (handle, layout) = try openHandle()
        var transfer = USBTMCFraming.deviceDependentOut(payload, tag: tags.next())
        try bulk(handle, layout.bulkOut, &transfer, length: transfer.count, doing: "sending a message")
    }

    /// Reads one complete reply, asking for it in chunks until the device sets EOM.
    ///
    /// - Throws: `.timeout` when the device has nothing to say, `.malformed`
    ///   when a reply breaks the framing (wrong MsgID or bTag, too long).
    public func read() throws(TransportError) -> [UInt8] {
        let (handle, layout) = try openHandle()
        var message: [UInt8] = []
        while true {
            let tag = tags.next()
            var request = USBTMCFraming.requestDeviceDependentIn(maximumSize: Self.requestSize, tag: tag)
            try bulk(handle, layout.bulkOut, &request, length: request.count, doing: "requesting a reply")
            let bufferSize = (USBTMCHeader.size + Int(Self.requestSize) + layout.maximumPacketSize - 1)
                / layout.maximumPacketSize * layout.maximumPacketSize
            var buffer = [UInt8](repeating: 0, count: bufferSize)
            let received = try bulk(handle, layout.bulkIn, &buffer, length: bufferSize, doing: "reading a reply")
            let start: USBTMCFraming.ReplyStart
            do {
                start = try USBTMCFraming.replyStart(Array(buffer[..<received]), expectedTag: tag, maximumSize: Self.requestSize)
            } catch {
                throw TransportError(.malformed, address: address, detail: "garbled USBTMC reply: \(error.detail)")
            }
            message += start.payload
            var missing = Int(start.header.transferSize) - start.payload.count
            while missing > 0 {
                let more = try bulk(handle, layout.bulkIn, &buffer, length: bufferSize, doing: "reading the rest of a reply")
                guard more > 0 else {
                    throw TransportError(.malformed, address: address,
                                         detail: "truncated USBTMC reply: \(missing) of \(start.header.transferSize) announced bytes never came")
                }
                message += buffer[..<min(more, missing)]
                missing -= more
            }
            guard message.count <= maximumMessageLength else {
                throw TransportError(.malformed, address: address, detail: "reply longer than \(maximumMessageLength) bytes")
            }
            if start.header.isEndOfMessage { return message }
        }
    }

    /// Device clear (INITIATE_CLEAR, then CHECK_CLEAR_STATUS until done, then
    /// clearing the bulk-OUT halt): drops half-sent input and unread output, so
    /// the next query gets its own reply after a timeout or a garbled one.
    public func clear() throws(TransportError) {
        let (handle, layout) = try openHandle()
        let status = try control(handle, .initiateClear, interface: layout.interfaceNumber)[0]
        guard status == USBTMCStatus.success.rawValue else {
            throw TransportError(.rejected, address: address, detail: "INITIATE_CLEAR answered status 0x\(String(status, radix: 16))")
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let reply = try control(handle, .checkClearStatus, interface: layout.interfaceNumber)
            if reply[0] != USBTMCStatus.pending.rawValue { break }
            if reply[1] & 0x01 != 0 {
                // bmClear bit 0: the device still holds bulk-IN data; read and drop it.
                var scratch = [UInt8](repeating: 0, count: layout.maximumPacketSize)
                _ = try? bulk(handle, layout.bulkIn, &scratch, length: scratch.count, doing: "draining bulk IN")
            }
            guard ContinuousClock.now < deadline else {
                throw TransportError(.timeout, address: address, detail: "device clear still pending after \(timeout)")
            }
            usleep(1_000)  // the device is still clearing; ask again shortly
        }
        let halt = libusb_clear_halt(handle, layout.bulkOut)
        if halt < 0 { throw TransportError.libusb(halt, address: address, doing: "clearing the bulk-OUT halt") }
    }

    private func claim(_ opened: OpaquePointer, device: OpaquePointer) throws(TransportError) {
        guard let layout = USBTMCInterfaceLayout.find(in: device) else {
            libusb_close(opened)
            throw TransportError(.unavailable, address: address,
                                 detail: "the device has no USBTMC interface (class FE, subclass 03); is it in USBTMC mode rather than USB-CDC or mass storage?")
        }
        // The kernel's usbtmc driver binds to the interface; take it over for
        // as long as we hold it, and hand it back on release.
        libusb_set_auto_detach_kernel_driver(opened, 1)
        let status = libusb_claim_interface(opened, Int32(layout.interfaceNumber))
        guard status == 0 else {
            libusb_close(opened)
            throw TransportError.libusb(status, address: address, doing: "claiming interface \(layout.interfaceNumber)")
        }
        session.handle = opened
        session.claimedInterface = Int32(layout.interfaceNumber)
        self.layout = layout
        do {
            capabilities = try USBTMCCapabilities(decoding: control(opened, .getCapabilities, interface: layout.interfaceNumber))
        } catch let error as TransportError {
            close()
            throw error
        } catch {
            close()
            throw TransportError(.malformed, address: address, detail: "GET_CAPABILITIES: \(error)")
        }
    }

    private func readSerialNumber(_ handle: OpaquePointer, index: UInt8) -> String? {
        guard index != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 128)
        let length = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }

    private func openHandle() throws(TransportError) -> (OpaquePointer, USBTMCInterfaceLayout) {
        guard let handle = session.handle, let layout else {
            throw TransportError(.disconnected, address: address, detail: "the device is not open; connect first")
        }
        return (handle, layout)
    }

    private var timeoutMilliseconds: UInt32 {
        let (seconds, attoseconds) = timeout.components
        return UInt32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }

    @discardableResult
    private func bulk(_ handle: OpaquePointer, _ endpoint: UInt8, _ buffer: inout [UInt8], length: Int,
                      doing action: String) throws(TransportError) -> Int {
        var transferred: Int32 = 0
        let status = buffer.withUnsafeMutableBufferPointer {
            libusb_bulk_transfer(handle, endpoint, $0.baseAddress, Int32(length), &transferred, timeoutMilliseconds)
        }
        if status < 0 {
            let error = TransportError.libusb(status, address: address, doing: action)
            if error.kind == .disconnected { close() }
            throw error
        }
        if endpoint & 0x80 == 0, Int(transferred) != length {
            throw TransportError(.timeout, address: address, detail: "\(action): only \(transferred) of \(length) bytes were accepted")
        }
        return Int(transferred)
    }

    private func control(_ handle: OpaquePointer, _ request: USBTMCControlRequest, interface: UInt8,
                         value: UInt16 = 0) throws(TransportError) -> [UInt8] {
        var reply = [UInt8](repeating: 0, count: request.replyLength)
        let status = reply.withUnsafeMutableBufferPointer {
            libusb_control_transfer(handle, request.requestType, request.rawValue, value, UInt16(interface),
                                    $0.baseAddress, UInt16(request.replyLength), timeoutMilliseconds)
        }
        if status < 0 {
            let error = TransportError.libusb(status, address: address, doing: "control request \(request)")
            if error.kind == .disconnected { close() }
            throw error
        }
        guard Int(status) >= min(request.replyLength, 2) || (request == .initiateClear && status == 1) else {
            throw TransportError(.malformed, address: address, detail: "control request \(request) answered \(status) bytes; expected \(request.replyLength)")
        }
        return reply
    }
}
