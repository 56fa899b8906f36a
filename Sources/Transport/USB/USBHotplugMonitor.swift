import CLibUSB
import Foundation
import Synchronization

/// Reports USB devices arriving and leaving, where libusb supports hotplug
/// (Linux with udev or netlink), so a channel can tell "cable pulled" from
/// "instrument hung" and reconnect the moment the device is back.
///
/// libusb delivers the events from `libusb_handle_events`, a blocking call,
/// which runs here on a thread of its own with a context of its own.
public final class USBHotplugMonitor: Sendable {
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        case arrived(vendorID: UInt16, productID: UInt16)
        case left(vendorID: UInt16, productID: UInt16)

        public var description: String {
            switch self {
            case .arrived(let v, let p): "arrived \(Self.hex(v)):\(Self.hex(p))"
            case .left(let v, let p): "left \(Self.hex(v)):\(Self.hex(p))"
            }
        }

        private static func hex(_ value: UInt16) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 4 - text.count) + text
        }
    }

    /// Events in the order libusb reports them; devices already present are
    /// reported as arrived first.
    public let events: AsyncStream<Event>
    private let running: Running

    /// What the event thread and the callback share.
    private final class Running: @unchecked Sendable {
        let continuation: AsyncStream<Event>.Continuation
        let stopped = Mutex(false)
        init(_ continuation: AsyncStream<Event>.Continuation) { self.continuation = continuation }
    }

    /// Starts watching for devices with these IDs (nil matches any).
    ///
    /// - Throws: `.unavailable` when this libusb build has no hotplug support.
    public init(vendorID: UInt16? = nil, productID: UInt16? = nil, address: String = "usb") throws(TransportError) {
        guard libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 else {
            throw TransportError(.unavailable, address: address, detail: "this libusb has no hotplug support; reconnect by polling instead")
        }
        var context: OpaquePointer?
        let status = libusb_init(&context)
        guard status == 0, let context else { throw TransportError.libusb(status, address: address, doing: "initialising libusb") }
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        events = stream
        running = Running(continuation)
        // Unretained: the event thread holds `running` for as long as libusb
        // can call back, which is only from inside that thread's event loop.
        let userData = Unmanaged.passUnretained(running).toOpaque()
        var handle: libusb_hotplug_callback_handle = 0
        let registered = libusb_hotplug_register_callback(
            context,
            Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue),
            Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue),
            vendorID.map(Int32.init) ?? LIBUSB_HOTPLUG_MATCH_ANY, productID.map(Int32.init) ?? LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY,
            { _, device, event, userData in
                guard let device, let userData else { return 0 }
                let running = Unmanaged<Running>.fromOpaque(userData).takeUnretainedValue()
                var descriptor = libusb_device_descriptor()
                guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return 0 }
                running.continuation.yield(event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED
                    ? .arrived(vendorID: descriptor.idVendor, productID: descriptor.idProduct)
                    : .left(vendorID: descriptor.idVendor, productID: descriptor.idProduct))
                return 0
            },
            userData, &handle)
        guard registered == 0 else {
            libusb_exit(context)
            throw TransportError.libusb(registered, address: address, doing: "registering for hotplug events")
        }
        let box = ContextBox(context)
        let registration = handle
        let thread = Thread { [running] in
            var interval = timeval(tv_sec: 0, tv_usec: 100_000)
            while !running.stopped.withLock({ $0 }) {
                libusb_handle_events_timeout_completed(box.context, &interval, nil)
            }
            libusb_hotplug_deregister_callback(box.context, registration)
            libusb_exit(box.context)
            running.continuation.finish()
        }
        thread.name = "usb hotplug"
        thread.start()
    }

    deinit { stop() }

    /// Stops watching; the event stream then finishes.
    public func stop() {
        running.stopped.withLock { $0 = true }
    }

    /// Moves the context to the event thread, which alone uses it from then on.
    private struct ContextBox: @unchecked Sendable {
        let context: OpaquePointer
        init(_ context: OpaquePointer) { self.context = context }
    }
}
