import ArgumentParser
import CyclerConfiguration
import API
import Foundation
import Logging
import Scheduler
import ServiceLifecycle
import Storage
import UnixSignals

/// `cyclerd`: the daemon. Runs every configured channel's jobs, records them
/// in the SQLite store, and stops with every output in its safe state.
@main
struct CyclerDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cyclerd",
        abstract: "Run the channels of a cyclerd configuration until stopped (SIGTERM or Ctrl-C).",
        discussion: """
        On start, every channel connects its instruments, resumes a job that was running when the daemon \
        last stopped (from its checkpoint; the gap is an event), and otherwise starts its configured \
        protocol if it has never run a job. Samples are in the SQLite file within a second of being seen.

        Examples:
          cyclerd --config Config/cyclerd.yaml
          cyclerd --check-config Config/lab-example.yaml
        """
    )

    @Option(help: "The configuration file.")
    var config = "Config/cyclerd.yaml"

    @Option(help: "Check a configuration file (instruments, channels, cell and protocol files) and exit.")
    var checkConfig: String?

    @Option(help: "Run simulated benches this many times faster than real time (overrides simulation.speed), or max.")
    var speed: String?

    func run() async throws {
        MemoryPolicy.apply()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "cyclerd")
        if let checkConfig {
            try ConfigurationCheck.run(checkConfig)
            return
        }
        var configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(contentsOf: config)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        if let speed { configuration.simulationSpeed = try Self.speed(speed) }
        let store: Store
        do {
            store = try Store(path: configuration.storagePath)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let notifier = ServiceManagerNotifier()
        let channelsBox = ChannelList()
        let writer = StoreWriter(store: store) { error in
            logger.critical("cannot write the database: \(error). Every job is paused with its outputs safe; what was recorded is kept in memory until the database can be written (free disk space, check the file's permissions), then resume the jobs.")
            for channel in channelsBox.channels { channel.pauseForStorage("the database cannot be written: \(error)") }
        } onRecovery: {
            logger.notice("the database can be written again; every sample kept in memory is stored, and the paused jobs resume")
            for channel in channelsBox.channels { channel.storageRecovered() }
        }
        let channels = configuration.channels.map {
            Channel(spec: $0, configuration: configuration, store: store, journal: writer.journal(for: $0.name), logger: logger)
        }
        channelsBox.channels = channels
        logger.info("cyclerd: \(channels.count) channels, data in \(store.path)")
        FileHandle.standardOutput.write(Data("cyclerd: \(channels.count) channels running; data in \(store.path). Ctrl-C stops (outputs safe first).\n".utf8))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: WriterService(writer: writer)),
            .init(service: ChannelsService(channels: channels, notifier: notifier, logger: logger)),
        ]
        if let api = configuration.api {
            let server = APIServer(daemon: DaemonView(store: store, channels: channels, configuration: configuration), settings: api, logger: logger)
            services += server.services.map { .init(service: $0) }
        }
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        notifier.send("STOPPING=1")
        if writer.flush() {
            logger.info("cyclerd stopped; every job was paused with its outputs safe and every sample is stored")
        } else {
            logger.critical("cyclerd stopped with samples it could not store: the database \(store.path) cannot be written. They are lost when this process ends; free disk space before restarting.")
            throw ExitCode(1)
        }
    }

    static func speed(_ text: String) throws -> Double? {
        if text == "max" { return nil }
        guard let factor = Double(text), factor > 0 else { throw ValidationError("--speed \(text): give max or a positive factor") }
        return factor
    }
}

/// The channels, for the store writer's failure handler, which is made before them.
final class ChannelList: @unchecked Sendable {
    // Set once, before any service runs; read only afterwards.
    var channels: [Channel] = []
}
