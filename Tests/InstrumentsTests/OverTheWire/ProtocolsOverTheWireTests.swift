import CyclerConfiguration
import Synchronization
import Foundation
import InstrumentSimulators
import Instruments
import ProtocolEngine
import Testing

/// Protocols run through real drivers on real wires: a MethodSCRIPT
/// potentiostat on a pty and a separate Modbus load cell on loopback TCP.
@Suite(.serialized) struct ProtocolsOverTheWireTests {
    static func executable(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs a command to its end off the cooperative pool (the simulators in
    /// this process answer it), returning its exit status and standard error.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr: String = await withCheckedContinuation { continuation in
            Thread {
                let data = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        return (process.terminationStatus, stderr)
    }

    /// gcpl.yaml limits temperature too, so the chamber (a Eurotherm on Modbus)
    /// is on the channel as well; its EIS reaches 1 MHz, so the potentiostat is a Nexus.
    @Test func gcplRunsWithThePotentiostatOnAPtyAndTheLoadCellOnModbus() async throws {
        let rig = try await WireRig(device: .nexus)
        await rig.driver.close()
        let chamber = try ModbusSlave(map: try ModbusFixtures.map("eurotherm"), bench: rig.bench, wire: .tcp(host: "127.0.0.1", port: 0))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-wire-run-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try await Self.run(Self.executable("cyclerctl"), [
            "run", "Protocols/gcpl.yaml", "--potentiostat", "methodscript:\(rig.link)",
            "--pressure", rig.slave.address, "--pressure-map", "laumas", "--thermal", chamber.address, "--thermal-map", "eurotherm",
            "--cell", WireRig.cellFile, "--out", out.path,
        ])
        await rig.simulator.stop()
        await rig.slave.stop()
        await chamber.stop()
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let rows = try String(contentsOf: out.appendingPathComponent("data.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let v = try #require(header.firstIndex(of: "voltage_V")), i = try #require(header.firstIndex(of: "current_A"))
        let p = try #require(header.firstIndex(of: "pressure_Pa"))
        let t = try #require(header.firstIndex { $0.hasPrefix("temperature_") })
        let data = rows.dropFirst()
        #expect(data.count > 100)
        let voltages = data.compactMap { Double($0[v]) }, currents = data.compactMap { Double($0[i]) }
        let pressures = data.compactMap { Double($0[p]) }
        #expect(voltages.count == data.count && (voltages.max() ?? 0) > 3.6 && (voltages.min() ?? 9) < 2.1, "V from the potentiostat")
        #expect(currents.contains { $0 > 0.5e-3 } && currents.contains { $0 < -0.5e-3 }, "I from the potentiostat")
        #expect(pressures.count == data.count && pressures.allSatisfy { $0 > 20e6 && $0 < 40e6 }, "P from the load cell")
        #expect(data.allSatisfy { !$0[t].isEmpty }, "T from the chamber")
    }

    @Test func aPressureLimitTripsFromTheLoadCellWithinOnePotentiostatSample() async throws {
        let rig = try await WireRig()
        let observer = RecordingObserver()
        let executor = ProtocolExecutor(definition: try ProtocolParser.parse("""
            name: pressure limited
            requires: {capacity: true}
            safety: {pressure: {max: 35 MPa}}
            record: {dt: 1 s, sample: 1 s}
            steps:
              - cc: C/5
                until: ["t >= 5 h"]
            """, file: "test.yaml"), instruments: rig.instruments(), cell: try WireRig.cell, clock: ContinuousClock(), observer: observer)
        let bench = rig.bench
        observer.onRecord = { sample in
            if sample.time >= 600, sample.time < 602 { Task { try await bench.pressureRig.setPressure(40e6) } }
        }
        let outcome = await executor.run()
        await rig.finish()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a safety pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .safetyLimit && alarm.message.contains("pressure max"))
        #expect(alarm.message.contains("output off"))
        let crossing = try #require(observer.samples.first { ($0.pressure ?? 0) > 35e6 })
        #expect(crossing == observer.samples.last, "the output went off on the first sample that carried the crossed reading")
        #expect(await bench.output == .openCircuit)
    }

    @Test func aStoppedLoadCellFaultsTheJobWithinThreeOfItsCadences() async throws {
        let rig = try await WireRig()
        let cadence = Duration.milliseconds(200)
        let observer = RecordingObserver()
        let executor = ProtocolExecutor(definition: try ProtocolParser.parse("""
            name: pressure watched
            requires: {capacity: true}
            safety: {pressure: {max: 80 MPa}}
            record: {dt: 60 s, sample: 1 s}
            steps:
              - cc: C/20
                until: ["t >= 100 h"]
            """, file: "test.yaml"), instruments: rig.instruments(cadence: cadence), cell: try WireRig.cell,
            clock: ContinuousClock(), observer: observer)
        let slave = rig.slave
        let stopper = Task {
            try await Task.sleep(for: .milliseconds(500))
            await slave.stop()
        }
        let outcome = await executor.run()
        stopper.cancel()
        await rig.finish()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a stale-sensor pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .staleSensor, "\(alarm.message)")
        let age = try #require(alarm.value)
        #expect(age < 3 * 0.2, "faulted when the load cell's reading was \(age) s old")
        #expect(await rig.bench.output == .openCircuit)
    }

    @Test func aSafeStateTheDeviceRefusesRaisesTheCriticalAlarm() async throws {
        let rig = try await WireRig()
        await rig.bench.setRefusesSafeState(true)
        let observer = RecordingObserver()
        let executor = ProtocolExecutor(definition: try ProtocolParser.parse("""
            name: refused over the wire
            requires: {capacity: true}
            safety: {voltage: {max: 2.9 V}}
            record: {dt: 10 s, sample: 1 s}
            steps:
              - cc: C/2
                until: ["t >= 5 h"]
            """, file: "test.yaml"), instruments: rig.instruments(), cell: try WireRig.cell, clock: ContinuousClock(), observer: observer)
        let outcome = await executor.run()
        await rig.bench.setRefusesSafeState(false)
        await rig.finish()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a safety pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .safetyLimit)
        let critical = observer.alarms.filter { $0.severity == .critical }
        #expect(critical.count == 1 && critical.first?.message.contains("OUTPUT MAY STILL BE ON") == true, "\(observer.alarms)")
        #expect(!observer.alarms.contains { $0.message.contains("output off") })
    }

    @Test func pauseResumeSkipAndStopArriveFromAnotherTask() async throws {
        let rig = try await WireRig()
        let observer = RecordingObserver()
        let counter = RecordCounter()
        observer.onRecord = { _ in counter.increment() }
        let executor = ProtocolExecutor(definition: try ProtocolParser.parse("""
            name: controlled over the wire
            requires: {capacity: true}
            record: {dt: 1 s, sample: 1 s}
            steps:
              - cc: C/10
                until: ["t >= 50 h"]
                name: long charge
              - rest: 50 h
                name: long rest
            """, file: "test.yaml"), instruments: rig.instruments(), cell: try WireRig.cell, clock: ContinuousClock(), observer: observer)
        let control = executor.control
        let job = UncheckedBox(executor)
        var running = Task { await job.value.run() }
        try await counter.wait(for: 20)
        control.pause(by: "dana", reason: "look at the cell")
        guard case .paused(.requested(let request)) = await running.value else {
            Issue.record("expected an operator pause")
            return
        }
        #expect(request.requestedBy == "dana")
        #expect(await rig.bench.output == .openCircuit)

        let before = counter.count
        running = Task { await job.value.resume(by: "dana", reason: "fine") }
        try await counter.wait(for: before + 20)
        control.skipStep(by: "dana", reason: "charged enough")
        try await counter.wait(for: counter.count + 20)
        control.stop(by: "dana", reason: "done")
        #expect(await running.value == .stopped)
        await rig.finish()
        let ends = observer.events.compactMap { if case .stepEnded(let step, let reason) = $0.kind { (step.summary, reason) } else { nil } }
        #expect(ends.first?.0 == "long charge" && ends.first?.1.hasPrefix("skipped by dana") == true, "\(ends)")
        #expect(observer.events.contains { if case .resumed(by: "dana", _, _, _) = $0.kind { true } else { false } })
        #expect(observer.events.contains { if case .jobEnded(.stopped) = $0.kind { true } else { false } })
        #expect(await rig.bench.output == .openCircuit)
    }

    @Test func anUnpluggedPotentiostatPausesTheJobAndReconnectingResumesIt() async throws {
        let rig = try await WireRig()
        let observer = RecordingObserver()
        let counter = RecordCounter()
        observer.onRecord = { _ in counter.increment() }
        let executor = ProtocolExecutor(definition: try ProtocolParser.parse("""
            name: unplugged
            requires: {capacity: true}
            record: {dt: 60 s, sample: 1 s}
            steps:
              - cc: C/5
                until: ["t >= 2 h"]
            """, file: "test.yaml"), instruments: rig.instruments(), cell: try WireRig.cell, clock: ContinuousClock(), observer: observer)
        let job = UncheckedBox(executor)
        let running = Task { await job.value.run() }
        try await counter.wait(for: 10)
        await rig.unplug()
        guard case .paused(.instrumentLost(let alarm)) = await running.value else {
            Issue.record("expected the job to pause with the instrument lost")
            return
        }
        #expect(alarm.cause == .instrumentLost && alarm.message.contains("instrument lost"))
        let before = try #require(observer.samples.last)
        let lostAt = before.stepTime

        try rig.plugBackIn()
        try await rig.driver.reconnect(within: .seconds(5))
        // Out for ten minutes, as the scheduler measured it.
        #expect(await job.value.resume(by: "scheduler", reason: "instrument back", gap: 600) == .completed)
        await rig.finish()
        let last = try #require(observer.samples.last)
        #expect(lostAt < 2 * 3600 && abs(last.stepTime - 2 * 3600) <= 1, "the cc ran its 2 h in all (\(last.stepTime) s)")
        // Job time goes on by the outage (the reconnected device's clock started again); step time does not.
        let after = try #require(observer.samples.first { $0.time > before.time })
        // The last record before it may be up to one record interval (60 s) older than the last sample.
        #expect(after.time - before.time >= 600 && after.time - before.time <= 600 + 60 + 1, "job time after the outage: \(after.time - before.time) s later")
        #expect(zip(observer.samples, observer.samples.dropFirst()).allSatisfy { $0.time < $1.time }, "job time only grows")
    }
}

/// A value handed to another task by a test that knows only one task uses it at a time.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A count of recorded samples another task can wait on.
final class RecordCounter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }

    func wait(for n: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while count < n {
            guard ContinuousClock.now < deadline else { throw TestSetupError(message: "only \(count) of \(n) samples within \(timeout)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
