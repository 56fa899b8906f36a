/// What `cyclerd` runs: its instruments, the channels built from them, where
/// it stores data, and how fast simulated benches run.
///
/// ```yaml
/// storage:
///   path: data/cyclerd.sqlite
/// simulation: {speed: max}          # max, or simulated seconds per second (sim: addresses only)
/// api: {socket: data/cyclerd.sock, tcp: "127.0.0.1:8470"}   # see APISettings
/// instruments:
///   - {name: palmsens1, address: "methodscript:/dev/serial/by-id/usb-PalmSens_EmStat4_ES4-1234-if00"}
///   - {name: loadcell1, address: "modbus+rtu:/dev/ttyUSB0?baud=19200&unit=3", map: laumas}
/// channels:
///   - name: pellet-3
///     potentiostat: palmsens1
///     pressure: loadcell1            # optional separate sensors
///     thermal: chamber1
///     cell: Config/cells/nmc811-lpscl-liin.yaml
///     protocol: Protocols/gcpl.yaml  # optional, one or a list: queued at the first start
///     pause_on: [hard-short, contact-loss]   # live-model alarms that pause the job (default: hard-short)
/// ```
///
/// Relative paths are read from the directory the daemon starts in.
public struct DaemonConfiguration: Sendable, Hashable {
    public struct Instrument: Sendable, Hashable {
        public var name: String
        /// An address URL (`sim:PRESET`, `methodscript:/dev/ttyACM0`, `modbus+tcp://host:502`, …).
        public var address: String
        /// A Modbus device's register map (`laumas`, `eurotherm`, or a map file).
        public var map: String?
        /// Where it is written, for errors found when connecting.
        public var location: String
    }

    public struct Channel: Sendable, Hashable {
        public var name: String
        public var potentiostat: String
        public var pressure: String?
        public var thermal: String?
        public var cell: String
        /// Queued in order the first time the channel starts (when it has no job yet).
        public var bootProtocols: [String]
        /// Live-model alarms that pause the channel's job (`hard-short` unless the channel says otherwise).
        public var pauseOn: [String]
        public var location: String
    }

    public var file: String
    public var storagePath: String
    /// nil runs simulated benches as fast as the CPU allows.
    public var simulationSpeed: Double?
    /// nil serves no API.
    public var api: APISettings?
    public var instruments: [Instrument]
    public var channels: [Channel]

    /// Reads a configuration file, reporting every mistake with its line, column and field.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> DaemonConfiguration {
        try DaemonConfiguration(node: ConfigNode.load(contentsOf: path, what: "the configuration file"))
    }

    public init(node root: ConfigNode) throws(ConfigurationError) {
        file = root.file
        try root.rejectUnknownKeys(allowed: ["storage", "simulation", "api", "instruments", "channels"])
        let storage = try root.required("storage", hint: "storage: {path: data/cyclerd.sqlite}")
        try storage.rejectUnknownKeys(allowed: ["path"])
        storagePath = try storage.required("path", hint: "path: data/cyclerd.sqlite").string()
        if let simulation = try root.optional("simulation") {
            try simulation.rejectUnknownKeys(allowed: ["speed"])
            if let speed = try simulation.optional("speed") {
                if try speed.string() == "max" {
                    simulationSpeed = nil
                } else {
                    let factor = try speed.double()
                    guard factor > 0 else { throw speed.error("must be max or a positive factor such as 3600") }
                    simulationSpeed = factor
                }
            }
        }
        api = try root.optional("api").map { (node) throws(ConfigurationError) in try APISettings(node: node) }
        instruments = []
        for node in try root.required("instruments", hint: "instruments: [{name: bench1, address: \"sim:nmc811-lpscl-liin\"}]").items() {
            try node.rejectUnknownKeys(allowed: ["name", "address", "map"])
            let name = try node.required("name").string()
            guard !instruments.contains(where: { $0.name == name }) else { throw try node.required("name").error("names a second instrument \(name)") }
            instruments.append(Instrument(name: name, address: try node.required("address", hint: "address: \"sim:li-lpscl-li\"").string(),
                                          map: try node.optional("map")?.string(), location: "\(node.file):\(node.line)"))
        }
        channels = []
        for node in try root.required("channels", hint: "channels: [{name: ch1, potentiostat: bench1, cell: Config/cells/….yaml}]").items() {
            try node.rejectUnknownKeys(allowed: ["name", "potentiostat", "pressure", "thermal", "cell", "protocol", "pause_on"])
            let name = try node.required("name").string()
            guard !channels.contains(where: { $0.name == name }) else { throw try node.required("name").error("names a second channel \(name)") }
            var references: [(String, String?)] = [("potentiostat", try node.required("potentiostat", hint: "potentiostat: bench1").string())]
            references.append(("pressure", try node.optional("pressure")?.string()))
            references.append(("thermal", try node.optional("thermal")?.string()))
            for case (let field, let instrument?) in references where !instruments.contains(where: { $0.name == instrument }) {
                throw try node.required(field).error("names no instrument \"\(instrument)\"; the instruments are "
                    + instruments.map(\.name).joined(separator: ", "))
            }
            channels.append(Channel(name: name, potentiostat: references[0].1 ?? "", pressure: references[1].1, thermal: references[2].1,
                                    cell: try node.required("cell", hint: "cell: Config/cells/nmc811-lpscl-liin.yaml").string(),
                                    bootProtocols: try Self.paths(try node.optional("protocol")),
                                    pauseOn: try node.optional("pause_on").map(Self.paths) ?? ["hard-short"],
                                    location: "\(node.file):\(node.line)"))
        }
    }

    /// One string or a list of them.
    private static func paths(_ node: ConfigNode?) throws(ConfigurationError) -> [String] {
        guard let node else { return [] }
        if node.isSequence { return try node.items().map { (item) throws(ConfigurationError) in try item.string() } }
        return [try node.string()]
    }

    /// The instrument a channel names.
    public func instrument(named name: String) -> Instrument? {
        instruments.first { $0.name == name }
    }
}
