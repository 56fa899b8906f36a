import CyclerConfiguration
import Hummingbird

/// The configuration the daemon runs, as it read it at start, with the keys
/// of the YAML file (admin only: it names devices, paths and listeners). The
/// file may have changed since; a change takes effect at the next start.
public struct ConfigView: ResponseCodable, Sendable {
    public struct Storage: Codable, Sendable {
        public var path: String
    }

    public struct Simulation: Codable, Sendable {
        /// Simulated seconds per second; null runs simulated benches flat out (`max`).
        public var speed: Double?
    }

    public struct API: Codable, Sendable {
        public var socket: String?
        /// HOST:PORT.
        public var tcp: String?
        public var maxBody: Int
        public var requestsPerSecond: Int
        public var maxClients: Int
        public var maxConnections: Int
        public var dashboard: String?
    }

    public struct Instrument: Codable, Sendable {
        public var name: String
        public var address: String
        public var map: String?
    }

    public struct Channel: Codable, Sendable {
        public var name: String
        public var potentiostat: String
        public var pressure: String?
        public var thermal: String?
        public var cell: String
        /// Queued the first time the channel started.
        public var protocol_: [String]
        public var pauseOn: [String]

        enum CodingKeys: String, CodingKey {
            case name, potentiostat, pressure, thermal, cell, pauseOn
            case protocol_ = "protocol"
        }
    }

    /// The file it was read from.
    public var file: String
    public var storage: Storage
    public var simulation: Simulation
    public var api: API?
    public var instruments: [Instrument]
    public var channels: [Channel]

    init(_ configuration: DaemonConfiguration) {
        file = configuration.file
        storage = Storage(path: configuration.storagePath)
        simulation = Simulation(speed: configuration.simulationSpeed)
        api = configuration.api.map { api in
            API(socket: api.socketPath, tcp: api.tcpPort.map { "\(api.tcpHost ?? ""):\($0)" }, maxBody: api.maxBodyBytes,
                requestsPerSecond: api.requestsPerSecond, maxClients: api.maxClients, maxConnections: api.maxConnections,
                dashboard: api.dashboardPath)
        }
        instruments = configuration.instruments.map { Instrument(name: $0.name, address: $0.address, map: $0.map) }
        channels = configuration.channels.map {
            Channel(name: $0.name, potentiostat: $0.potentiostat, pressure: $0.pressure, thermal: $0.thermal, cell: $0.cell,
                    protocol_: $0.bootProtocols, pauseOn: $0.pauseOn)
        }
    }
}
