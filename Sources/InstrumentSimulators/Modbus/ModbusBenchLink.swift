import CellSimulator
import Instruments
import Transport
import Synchronization

/// The physics behind a simulated Modbus device: the pressure rig or the
/// chamber of a `SimulatedBench`, seen in the units of one register map.
///
/// The slave's wire thread calls in synchronously. Each call hops onto the
/// bench actor with a task on the link's own executor and waits for it
/// (`BlockingBridge`): the wait blocks the slave's thread, never the cooperative pool,
/// the device keeps answering when the pool is saturated, and a write is on
/// the bench before the reply that acknowledges it leaves.
final class ModbusBenchLink: Sendable {
    /// What the registers should show now, in SI (force in N for force maps).
    struct Snapshot: Sendable {
        var measurement: Double
        var setpoint: Double
        var stable: Bool
    }

    let bench: SimulatedBench
    let measurand: ModbusRegisterMap.Measurand
    /// m², for force maps.
    let area: Double
    private let latest: Mutex<Snapshot>
    private let executor = DedicatedThreadExecutor(name: "modbus slave bench")

    /// A chamber counts as settled within this many kelvin of its setpoint.
    static let stableBand = 0.5

    init(bench: SimulatedBench, measurand: ModbusRegisterMap.Measurand, area: Double) {
        self.bench = bench
        self.measurand = measurand
        self.area = area
        let definition = bench.definition
        let initial: Double = switch measurand {
        case .force: definition.stackPressure * area
        case .pressure: definition.stackPressure
        case .temperature: definition.temperature
        }
        latest = Mutex(Snapshot(measurement: initial, setpoint: initial, stable: true))
    }

    deinit {
        executor.stop()
    }

    /// The setpoint last written (or the bench's own at the start), without asking the bench.
    var setpoint: Double { latest.withLock { $0.setpoint } }

    /// Reads the bench now. Blocks the calling (wire) thread until the bench answers.
    func snapshot() -> Snapshot {
        BlockingBridge.run(on: executor) { [self] in
            let setpoint = latest.withLock { $0.setpoint }
            let reading: Snapshot
            switch measurand {
            case .force, .pressure:
                let pascal = (try? await bench.pressureRig.readPressure()) ?? 0
                reading = Snapshot(measurement: measurand == .force ? pascal * area : pascal, setpoint: setpoint, stable: true)
            case .temperature:
                let kelvin = (try? await bench.chamber.readTemperature()) ?? setpoint
                reading = Snapshot(measurement: kelvin, setpoint: setpoint, stable: abs(kelvin - setpoint) <= Self.stableBand)
            }
            latest.withLock { $0 = reading }
        }
        return latest.withLock { $0 }
    }

    /// Applies a setpoint the master wrote (SI, in the map's measurand). Blocks like `snapshot()`.
    func write(setpoint: Double) {
        latest.withLock { $0.setpoint = setpoint }
        BlockingBridge.run(on: executor) { [self] in
            switch measurand {
            case .force: try? await bench.pressureRig.setPressure(setpoint / area)
            case .pressure: try? await bench.pressureRig.setPressure(setpoint)
            case .temperature: try? await bench.chamber.setSetpoint(setpoint)
            }
        }
    }
}
