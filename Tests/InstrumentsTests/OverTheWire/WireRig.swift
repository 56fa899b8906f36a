import CellSimulator
import CyclerConfiguration
import Foundation
import InstrumentSimulators
import Instruments
import ProtocolEngine
import Transport

/// One simulated cell behind two real wires: a MethodSCRIPT potentiostat on a
/// pty and a Laumas load cell on loopback Modbus TCP, as a lab's rig is a
/// potentiostat and a separate load cell on one cell.
final class WireRig: @unchecked Sendable {
    let bench: SimulatedBench
    let link: String
    private(set) var simulator: MethodSCRIPTSimulator
    let slave: ModbusSlave
    let driver: MethodSCRIPTPotentiostat
    let loadCell: ModbusPressureCell

    static let cellFile = "Config/cells/nmc811-lpscl-liin-sim.yaml"

    let deviceType: MethodSCRIPTDeviceType

    init(preset: String = "nmc811-lpscl-liin", device: MethodSCRIPTDeviceType = .emStat4HR) async throws {
        deviceType = device
        let definition = try CellPresets.named(preset).orThrow("no preset \(preset)")
        bench = SimulatedBench(definition: definition, seed: 7)
        link = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-wire-\(UInt32.random(in: 0...UInt32.max))").path
        simulator = try MethodSCRIPTSimulator(bench: bench, deviceType: device, linkPath: link)
        simulator.start()
        slave = try ModbusSlave(map: try ModbusFixtures.map("laumas"), bench: bench, wire: .tcp(host: "127.0.0.1", port: 0))
        driver = try await MethodSCRIPTPotentiostat.connect(path: link, timeout: .seconds(2))
        loadCell = try ModbusPressureCell(address: try ModbusFixtures.address(slave.address, timeout: "500ms"),
                                          map: try ModbusFixtures.map("laumas"), area: definition.area)
    }

    /// The channel: the potentiostat's V and I, the load cell's P.
    func instruments(cadence: Duration = .milliseconds(100)) -> ChannelInstruments {
        ChannelInstruments(potentiostat: driver, pressureSensor: loadCell, pressureCadence: cadence)
    }

    static var cell: CellContext {
        get throws { CellContext(try CellDescription.load(contentsOf: repositoryRoot.appendingPathComponent(cellFile).path)) }
    }

    /// Unplugs the potentiostat (its pty closes mid-stream).
    func unplug() async {
        await simulator.stop()
    }

    /// Plugs the same device back in at the same stable path.
    func plugBackIn() throws {
        simulator = try MethodSCRIPTSimulator(bench: bench, deviceType: deviceType, linkPath: link)
        simulator.start()
    }

    func finish() async {
        try? await driver.enterSafeState()
        await driver.close()
        await simulator.stop()
        await slave.stop()
    }
}

/// The repository root, for the protocol library and cell files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Collects what a job records and reports.
final class RecordingObserver: JobObserver, @unchecked Sendable {
    var samples: [RecordedSample] = []
    var events: [JobEvent] = []
    var checkpoints: [ExecutorCheckpoint] = []
    var onRecord: ((RecordedSample) -> Void)?

    func record(_ sample: RecordedSample) {
        samples.append(sample)
        onRecord?(sample)
    }
    func handle(_ event: JobEvent) { events.append(event) }
    func checkpoint(_ checkpoint: ExecutorCheckpoint) { checkpoints.append(checkpoint) }

    var alarms: [Alarm] { events.compactMap { if case .alarm(let alarm) = $0.kind { alarm } else { nil } } }
}
