import CellSimulator
import Foundation
import Glibc
import InstrumentSimulators
import Instruments
import Transport

/// A simulated MethodSCRIPT device on a real pty and the driver connected to it.
struct MethodSCRIPTTestBench {
    let bench: SimulatedBench
    let simulator: MethodSCRIPTSimulator
    let driver: MethodSCRIPTPotentiostat

    static func start(preset: String = "nmc811-lpscl-liin", device: MethodSCRIPTDeviceType = .emStat4HR,
                      noise: InstrumentNoise = .none, linkPath: String? = nil,
                      timeout: Duration = .milliseconds(500)) async throws -> MethodSCRIPTTestBench {
        let definition = try CellPresets.named(preset).orThrow("no preset \(preset)")
        let bench = SimulatedBench(definition: definition, seed: 7, noise: noise)
        let simulator = try MethodSCRIPTSimulator(bench: bench, deviceType: device, linkPath: linkPath)
        simulator.start()
        let driver = try await MethodSCRIPTPotentiostat.connect(path: linkPath ?? simulator.devicePath, timeout: timeout)
        return MethodSCRIPTTestBench(bench: bench, simulator: simulator, driver: driver)
    }

    /// Leaves the cell off and unplugs the simulated device.
    func finish() async {
        try? await driver.enterSafeState()
        await simulator.stop()
    }
}

/// A scripted peer on the controller side of a pty, for faults the simulator
/// never makes: it answers each online command or uploaded script with the
/// lines `answer` returns (nil: stay silent).
final class FakeMethodSCRIPTPeer: Sendable {
    enum Request: Equatable, Sendable {
        case online(String)
        case script([String])
    }

    let terminal: PseudoTerminal
    let connection: SerialConnection
    private let serving: Task<[Request], Never>
    /// The device side held open so the controller sees no hang-up before the driver opens it.
    private let heldDevice: Int32

    init(answer: @escaping @Sendable (Request) -> [String]?) throws {
        terminal = try PseudoTerminal()
        heldDevice = open(terminal.devicePath, O_RDWR | O_NOCTTY | O_NONBLOCK)
        let connection = try SerialConnection(adopting: dup(terminal.controller), name: "fake peer")
        self.connection = connection
        // On the connection's own thread, so a busy cooperative pool cannot delay the answers.
        serving = Task(executorPreference: connection.taskExecutor) {
            var seen: [Request] = []
            while !Task.isCancelled {
                guard let line = try? await connection.readLine(timeout: .milliseconds(20)) else { continue }
                var request = Request.online(line)
                if line == "e" {
                    var body: [String] = []
                    while let next = try? await connection.readLine(timeout: .milliseconds(500)), !next.isEmpty { body.append(next) }
                    request = .script(body)
                }
                seen.append(request)
                guard let reply = answer(request) else { continue }
                try? await connection.write(Array(reply.map { $0 + "\n" }.joined().utf8), timeout: .seconds(1))
            }
            return seen
        }
    }

    deinit { close(heldDevice) }

    var devicePath: String { terminal.devicePath }

    /// Stops answering and returns every request received.
    func requests() async -> [Request] {
        serving.cancel()
        return await serving.value
    }

    /// A well-behaved handshake (abort, `t`, `i`, the safe-state script), then `stream` for everything else.
    static func handshaking(_ stream: @escaping @Sendable (Request) -> [String]?) -> @Sendable (Request) -> [String]? {
        { request in
            switch request {
            case .online("Z"): ["Z!0006"]
            case .online("t"): ["tes4_hr1.0*"]
            case .online("i"): ["iFAKE1"]
            case .script(["cell_off"]): ["e", ""]
            default: stream(request)
            }
        }
    }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw TestSetupError(message: message) }
        return self
    }
}

struct TestSetupError: Error {
    var message: String
}

/// A thread of its own for timed code: `swift test` runs CPU-heavy suites in
/// parallel, and on a busy cooperative pool a task resumes late, which would
/// be timed as the driver's delay.
let timingExecutor = DedicatedThreadExecutor(name: "test timing")

/// How long `body` took, run off the cooperative pool.
func elapsed(_ body: () async -> Void) async -> Duration {
    await withTaskExecutorPreference(timingExecutor) {
        let start = ContinuousClock.now
        await body()
        return start.duration(to: .now)
    }
}
