import Foundation
import InstrumentSimulators
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A serial Modbus device the test steers frame by frame: it reads RTU read
/// requests on the controller side of a pseudo-terminal and answers each as
/// its mode says, so faults (silence, garbage, a cut-off frame) and recovery
/// can be staged on a real tty.
///
/// Register `n` holds the value `n`, so every answer is checkable.
final class RTUResponder: Sendable {
    enum Mode: Sendable {
        case answer, silent, garbage, truncated
    }

    private let terminal: PseudoTerminal
    private let mode: Mutex<Mode>
    private let stopping = Atomic<Bool>(false)

    init(_ mode: Mode = .answer) throws {
        terminal = try PseudoTerminal()
        self.mode = Mutex(mode)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// The tty the driver opens.
    var devicePath: String { terminal.devicePath }

    func set(_ newMode: Mode) { mode.withLock { $0 = newMode } }

    /// Asks the device thread to finish (within one poll interval); never blocks.
    func stop() { stopping.store(true, ordering: .relaxed) }

    /// CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF); sent low byte first.
    static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }

    /// Appends the CRC, low byte first.
    static func framed(_ bytes: [UInt8]) -> [UInt8] {
        let crc = crc16(bytes)
        return bytes + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// The answer to a function 3 or 4 read: register n holds n.
    static func answer(to request: [UInt8]) -> [UInt8] {
        let start = Int(request[2]) << 8 | Int(request[3])
        let count = Int(request[4]) << 8 | Int(request[5])
        let data = (start..<start + count).flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
        return framed([request[0], request[1], UInt8(2 * count)] + data)
    }

    private func serve() {
        let fd = terminal.controller
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        while !stopping.load(ordering: .relaxed) {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) > 0 else { continue }
            guard entry.revents & Int16(POLLIN) != 0 else {
                usleep(20_000)  // no one has the tty open
                continue
            }
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { continue }
            pending += chunk[0..<count]
            // Read requests are 8 bytes: unit, function, start, count, CRC.
            while pending.count >= 8 {
                let request = Array(pending.prefix(8))
                pending.removeFirst(8)
                guard Self.crc16(request) == 0 else { pending.removeAll(); break }
                reply(to: request, fd: fd)
            }
        }
    }

    private func reply(to request: [UInt8], fd: Int32) {
        let bytes: [UInt8]
        switch mode.withLock({ $0 }) {
        case .silent: return
        case .answer: bytes = Self.answer(to: request)
        case .garbage: bytes = Array("\u{DE}\u{AD} not a Modbus frame at all\r\n".utf8)
        case .truncated: bytes = Array(Self.answer(to: request).prefix(4))
        }
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    }
}
