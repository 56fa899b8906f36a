import CModbus
import Dispatch
import Foundation
import CellSimulator
import Instruments
import Synchronization
import Transport
#if canImport(Glibc)
import Glibc
#endif

/// A simulated Modbus device on a real wire: a TCP server on loopback or an
/// RTU slave on a pseudo-terminal, serving one register map from a
/// `SimulatedBench`.
///
/// libmodbus does the framing (`modbus_receive`/`modbus_reply` over a
/// register mapping) on a dedicated thread; before each read the mapping is
/// refreshed from the bench, and a setpoint written by the master goes to the
/// bench before the reply leaves. Registers between the map's lowest and
/// highest are served (zero where the map names nothing); anything else gets
/// an "illegal data address" exception, as from a real device.
public final class ModbusSlave: Sendable {
    /// Where the slave listens.
    public enum Wire: Sendable {
        /// Loopback TCP; port 0 picks a free port.
        case tcp(host: String, port: Int)
        /// An RTU slave on the controller side of a new pseudo-terminal.
        case rtu(baudRate: Int)
    }

    /// The address a driver uses (`modbus+tcp://127.0.0.1:1502?unit=1`, `modbus+rtu:/dev/pts/3?…`).
    public let address: String
    /// The TCP port actually bound (0 for RTU).
    public let port: Int
    public let map: ModbusRegisterMap
    private let lifetime = Lifetime()
    /// Keeps the pseudo-terminal open as long as the slave runs.
    private let terminal: PseudoTerminal?

    /// How often the wire thread looks up from `poll` to check for `stop()`.
    static let pollMilliseconds: Int32 = 20

    /// Starts serving at once.
    ///
    /// - Parameters:
    ///   - area: the area force acts on (m²), for force maps; defaults to the bench's cell area.
    ///   - unit: the unit id the slave answers to (RTU ignores others; TCP answers any).
    /// - Throws: `TransportError` when the port or pseudo-terminal cannot be opened.
    public init(map: ModbusRegisterMap, bench: SimulatedBench, wire: Wire, unit: Int = 1, area: Double? = nil)
        throws(TransportError) {
        self.map = map
        let link = ModbusBenchLink(bench: bench, measurand: map.measurand, area: area ?? map.area ?? bench.definition.area)
        let server: ModbusServerLoop
        switch wire {
        case .tcp(let host, let port):
            let listener = try ModbusServerLoop.listen(host: host, port: port)
            self.port = listener.port
            terminal = nil
            address = "modbus+tcp://\(host.contains(":") ? "[\(host)]" : host):\(listener.port)?unit=\(unit)"
            server = try ModbusServerLoop(context: listener.context, listener: listener.socket, serial: nil, unit: unit,
                                          map: map, link: link)
        case .rtu(let baud):
            let pty = try PseudoTerminal()
            guard let context = modbus_new_rtu(pty.devicePath, Int32(baud), CChar(UInt8(ascii: "N")), 8, 1) else {
                throw TransportError(.system, address: pty.devicePath, detail: "libmodbus refused the RTU settings")
            }
            modbus_set_socket(context, pty.controller)
            terminal = pty
            self.port = 0
            address = "modbus+rtu:\(pty.devicePath)?baud=\(baud)&unit=\(unit)"
            server = try ModbusServerLoop(context: context, listener: nil, serial: pty.controller, unit: unit, map: map, link: link)
        }
        let lifetime = lifetime
        let thread = Thread {
            server.run { lifetime.stopping.load(ordering: .relaxed) }
            lifetime.markFinished()
        }
        thread.name = "cyclerd modbus slave"
        thread.start()
    }

    /// Stops serving and waits until the wire is closed, so that clients see
    /// the connection drop. The wait happens on a private queue: not on the
    /// cooperative pool, whose tasks the wire thread may be waiting for, and
    /// not on the global queue, which on Linux shares the pool's threads.
    public func stop() async {
        let lifetime = lifetime
        lifetime.stopping.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue(label: "cyclerd.modbus.slave.stop").async {
                lifetime.waitUntilFinished()
                continuation.resume()
            }
        }
    }

    /// Asks the wire thread to stop; it closes the wire within a poll interval.
    deinit { lifetime.stopping.store(true, ordering: .relaxed) }

    /// Shared with the wire thread, which must not keep the slave itself alive.
    private final class Lifetime: Sendable {
        let stopping = Atomic<Bool>(false)
        private let finished = DispatchSemaphore(value: 0)

        func markFinished() { finished.signal() }

        /// Blocks until the wire thread has closed everything; any number of callers.
        func waitUntilFinished() {
            finished.wait()
            finished.signal()
        }
    }
}
