import CyclerConfiguration
import Foundation
import Logging
import Storage
import Testing
import Transport
@testable import Scheduler

/// A channel runs its jobs into the store, and a channel started on the same
/// store after a stop resumes the job from its checkpoint.
@Suite struct ChannelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func configuration(protocol file: String, speed: String) throws -> DaemonConfiguration {
        try DaemonConfiguration(node: ConfigNode.parse(yaml: """
            storage: {path: unused.sqlite}
            simulation: {speed: \(speed)}
            instruments: [{name: bench, address: "sim:nmc811-lpscl-liin"}]
            channels:
              - name: ch1
                potentiostat: bench
                cell: \(root.appendingPathComponent("Config/cells/nmc811-lpscl-liin-sim.yaml").path)
                protocol: \(file)
            """, file: "test.yaml"))
    }

    static func protocolFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-protocol-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func store() throws -> Store {
        try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-channel-\(UUID().uuidString)/data.sqlite").path)
    }

    /// Runs a channel until its job reaches a finished state, or `stopAfter` elapses (then stops it gracefully).
    static func run(_ configuration: DaemonConfiguration, store: Store, stopAfter: Duration? = nil,
                    until done: (JobRecord) -> Bool = { $0.state.isFinished }) async throws {
        let writer = StoreWriter(store: store) { error in Issue.record("write failed: \(error)") }
        let channel = Channel(spec: configuration.channels[0], configuration: configuration, store: store,
                              journal: writer.journal(for: "ch1"), logger: Logger(label: "test"))
        let writing = RepeatingThread(name: "test writer", interval: StoreWriter.flushInterval) { writer.flush() }
        let running = Task { await channel.run() }
        let deadline = ContinuousClock.now + (stopAfter ?? .seconds(120))
        while ContinuousClock.now < deadline {
            if let job = try store.jobs(channel: "ch1").first, done(job) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        channel.stop()
        await running.value
        writing.stop()
        writer.flush()
    }

    @Test func aJobRunsToCompletionAndEverySampleIsStoredInOrder() async throws {
        let file = try Self.protocolFile("""
            name: short charge
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cc: C/2
                until: ["t >= 2 h"]
            """)
        let store = try Self.store()
        try await Self.run(try Self.configuration(protocol: file, speed: "max"), store: store)
        let job = try #require(try store.jobs(channel: "ch1").first)
        #expect(job.state == .completed)
        let samples = try store.samples(job: try #require(job.id))
        #expect(samples.count > 100)
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.seq < $1.seq && $0.time < $1.time })
        let events = try store.events(job: try #require(job.id))
        #expect(events.first?.kind == "jobStarted" && events.last?.kind == "jobEnded")
        // The live model's estimates, one a minute of job time: SOC rises through a 2 h charge at C/2.
        let estimates = try events.filter { $0.kind == "estimate" }.map {
            try JSONDecoder().decode(StoredEstimate.self, from: Data($0.body.utf8))
        }
        #expect(estimates.count >= 100 && estimates.count <= 121, "\(estimates.count) estimates")
        let first = try #require(estimates.first?.stateOfCharge), last = try #require(estimates.last?.stateOfCharge)
        #expect(last > first + 0.5, "SOC \(first) → \(last)")
    }

    @Test func aStoppedChannelLeavesItsJobRunningAndTheNextStartResumesItWithoutRepeats() async throws {
        let file = try Self.protocolFile("""
            name: long charge
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cc: C/5
                until: ["t >= 4 h"]
            """)
        let store = try Self.store()
        let configuration = try Self.configuration(protocol: file, speed: "20000")
        try await Self.run(configuration, store: store, stopAfter: .milliseconds(300))
        let stopped = try #require(try store.jobs(channel: "ch1").first)
        #expect(stopped.state == .running, "a graceful stop keeps the job running for the next start")
        #expect(stopped.checkpoint != nil)
        let before = try store.samples(job: try #require(stopped.id))
        #expect(!before.isEmpty)

        try await Self.run(configuration, store: store)
        let job = try #require(try store.jobs(channel: "ch1").first)
        #expect(job.state == .completed)
        let samples = try store.samples(job: try #require(job.id))
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0.time < $1.time }, "no sample is repeated after the resume")
        let last = try #require(samples.last)
        #expect(abs(last.stepTime - 4 * 3600) <= 10.001, "the step ran 4 h in all (\(last.stepTime) s)")
        #expect(try store.events(job: try #require(job.id)).contains { $0.kind == "resumed" })
    }

    @Test func aMissingDeviceAtStartIsNamedWithItsAddressAndRetried() async throws {
        let configuration = try DaemonConfiguration(node: ConfigNode.parse(yaml: """
            storage: {path: unused.sqlite}
            instruments: [{name: palmsens, address: "methodscript:/dev/cyclerd-no-such-device"}]
            channels:
              - name: ch1
                potentiostat: palmsens
                cell: \(Self.root.appendingPathComponent("Config/cells/nmc811-lpscl-liin-sim.yaml").path)
            """, file: "lab.yaml"))
        let store = try Self.store()
        let writer = StoreWriter(store: store) { _ in }
        let channel = Channel(spec: configuration.channels[0], configuration: configuration, store: store,
                              journal: writer.journal(for: "ch1"), logger: Logger(label: "test"))
        let running = Task { await channel.run() }
        let deadline = ContinuousClock.now + .seconds(10)
        while !channel.status.hasPrefix("fault"), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        channel.stop()
        await running.value
        let status = channel.status
        #expect(status == "stopped")
        let fault = try #require(channel.lastFault)
        #expect(fault.contains("methodscript:/dev/cyclerd-no-such-device") && fault.contains("lab.yaml") && fault.contains("no such device"), "\(fault)")
        #expect(try store.jobs(channel: "ch1").isEmpty)
    }

    @Test func theDefaultBenchsCyclingRunsToItsEndWithNoFalseAlarm() async throws {
        // The simulated NMC cell's GCPL, as `make run` starts it: a live model
        // whose SOC strays past the OCV table once paused it as a "hard short"
        // at 3.68 V, judging the voltage against an OCV extrapolated to 8 V.
        let store = try Self.store()
        try await Self.run(try Self.configuration(protocol: Self.root.appendingPathComponent("Protocols/gcpl.yaml").path, speed: "max"),
                           store: store, stopAfter: .seconds(300))
        let job = try #require(try store.jobs(channel: "ch1").first)
        #expect(job.state == .completed, "\(job.state): \(job.reason ?? "")")
        #expect(!(try store.events(job: try #require(job.id)).contains { $0.kind == "liveAlarm" && $0.body.contains("short") }))
    }

    @Test func aHardShortTheLiveModelSeesPausesTheJob() async throws {
        let configuration = try DaemonConfiguration(node: ConfigNode.parse(yaml: """
            storage: {path: unused.sqlite}
            instruments: [{name: bench, address: "sim:li-lpscl-li"}]
            channels:
              - name: ch1
                potentiostat: bench
                cell: \(Self.root.appendingPathComponent("Config/cells/li-lpscl-li-sim.yaml").path)
                protocol: \(Self.root.appendingPathComponent("Protocols/ccd-ramp.yaml").path)
            """, file: "test.yaml"))
        let store = try Self.store()
        try await Self.run(configuration, store: store) { job in job.state == .paused }
        let job = try #require(try store.jobs(channel: "ch1").first)
        #expect(job.state == .paused)
        #expect(job.reason?.contains("hard-short") == true, "\(job.reason ?? "")")
        #expect(try store.events(job: try #require(job.id)).contains { $0.kind == "liveAlarm" })
    }
}
