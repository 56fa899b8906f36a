import Glibc
import Instruments
import Synchronization
import Transport

/// A simulated PalmSens MethodSCRIPT potentiostat on a pseudo-terminal,
/// backed by a `SimulatedBench` (so a current it applies moves the pressure
/// the bench's other simulators report).
///
/// A driver opens `devicePath` (or `linkPath`, a stable symlink such as udev
/// makes under /dev/serial/by-id) exactly as it would open /dev/ttyACM0.
/// `stop()` unplugs the device: the pty controller closes mid-stream and the
/// driver's next read fails as a real USB-CDC unplug does. A new simulator
/// with the same `linkPath` is the device coming back.
public final class MethodSCRIPTSimulator: Sendable {
    /// The `/dev/pts/N` path.
    public let devicePath: String
    /// A symlink to `devicePath` that outlives this pty, when asked for.
    public let linkPath: String?
    public let deviceType: MethodSCRIPTDeviceType
    public let serialNumber: String

    private let server: MethodSCRIPTDeviceServer
    private let stopSignal = StopSignal()
    private let resources: Mutex<Resources>

    private struct Resources {
        var terminal: PseudoTerminal?
        /// A device-side descriptor held open so that the controller never sees
        /// a hang-up between driver sessions.
        var heldDevice: Int32
        var serving: Task<Void, Never>?
        /// Whether `linkPath` still points here (a successor may have taken it over).
        var linked: Bool
    }

    public init(bench: SimulatedBench, deviceType: MethodSCRIPTDeviceType = .emStat4HR,
                serialNumber: String = "SIM0001", firmware: String = "1.6.0", linkPath: String? = nil) throws(TransportError) {
        let terminal = try PseudoTerminal()
        let path = terminal.devicePath
        let held = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard held >= 0 else {
            throw TransportError(.system, address: path, detail: "could not open the pty's device side: errno \(errno)")
        }
        let copy = dup(terminal.controller)
        let connection: SerialConnection
        do throws(TransportError) {
            guard copy >= 0 else { throw TransportError(.system, address: path, detail: "could not dup the pty controller: errno \(errno)") }
            connection = try SerialConnection(adopting: copy, name: "simulated \(deviceType.rawValue) on \(path)")
        } catch {
            close(held)
            throw error
        }
        if let linkPath {
            unlink(linkPath)
            guard symlink(path, linkPath) == 0 else {
                close(held)
                throw TransportError(.system, address: linkPath, detail: "could not link to \(path): errno \(errno)")
            }
        }
        devicePath = path
        self.linkPath = linkPath
        self.deviceType = deviceType
        self.serialNumber = serialNumber
        server = MethodSCRIPTDeviceServer(connection: connection, bench: bench, deviceType: deviceType,
                                          serialNumber: serialNumber, firmware: firmware, stop: stopSignal)
        resources = Mutex(Resources(terminal: terminal, heldDevice: held, linked: linkPath != nil))
    }

    deinit {
        stopSignal.set()
        resources.withLock { unplug(&$0) }
    }

    /// Starts answering in a background task. The task runs on the device's
    /// own thread, bench included, so a busy cooperative pool (a test run, a
    /// loaded daemon) cannot make the device miss a driver's deadline. When it
    /// stops, the device is unplugged: pty closed, link removed.
    public func start() {
        let server = server
        resources.withLock { state in
            guard state.serving == nil else { return }
            state.serving = Task(executorPreference: server.connection.taskExecutor) { [weak self] in
                await server.serve()
                await server.connection.close()
                guard let self else { return }
                resources.withLock { unplug(&$0) }
            }
        }
    }

    /// Answers until `stop()`; for a standalone device.
    public func run() async {
        start()
        await resources.withLock { $0.serving }?.value
    }

    /// Unplugs the device: stops answering mid-stream, closes the pty and
    /// removes the link. Idempotent.
    public func stop() async {
        stopSignal.set()
        let serving = resources.withLock { $0.serving }
        if let serving {
            await serving.value
        } else {
            await server.connection.close()
            resources.withLock { unplug(&$0) }
        }
    }

    private func unplug(_ resources: inout Resources) {
        if resources.heldDevice >= 0 {
            close(resources.heldDevice)
            resources.heldDevice = -1
        }
        resources.terminal = nil
        if resources.linked, let linkPath {
            unlink(linkPath)
            resources.linked = false
        }
    }
}
