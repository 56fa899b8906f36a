/// Where and how `cyclerd` serves its API (the `api:` section).
///
/// ```yaml
/// api:
///   socket: /run/cyclerd/api.sock   # local clients; access by the file's group (cyclerd)
///   tcp: 127.0.0.1:8470             # optional; every request needs a bearer token
///   max_body: 1048576               # bytes a request body may have
///   requests_per_second: 50         # per token (or per socket peer), with bursts of twice that
///   max_clients: 256                # WebSocket streams open at once
///   max_connections: 512            # plain HTTP connections open at once, per listener
///   dashboard: /usr/share/cyclerd/dashboard   # the browser dashboard's files, served at /
/// ```
///
/// TLS is left to a reverse proxy in front of the TCP listener (README, "The API").
public struct APISettings: Sendable, Hashable {
    public var socketPath: String?
    public var tcpHost: String?
    public var tcpPort: Int?
    public var maxBodyBytes: Int
    public var requestsPerSecond: Int
    public var maxClients: Int
    public var maxConnections: Int
    /// The folder of the dashboard's files (`Sources/API/Dashboard` in the repository); nil serves none.
    public var dashboardPath: String?

    public init(socketPath: String? = nil, tcpHost: String? = nil, tcpPort: Int? = nil, maxBodyBytes: Int = 1 << 20,
                requestsPerSecond: Int = 50, maxClients: Int = 256, maxConnections: Int = 512, dashboardPath: String? = nil) {
        self.socketPath = socketPath
        self.tcpHost = tcpHost
        self.tcpPort = tcpPort
        self.maxBodyBytes = maxBodyBytes
        self.requestsPerSecond = requestsPerSecond
        self.maxClients = maxClients
        self.maxConnections = maxConnections
        self.dashboardPath = dashboardPath
    }

    init(node: ConfigNode) throws(ConfigurationError) {
        try node.rejectUnknownKeys(allowed: ["socket", "tcp", "max_body", "requests_per_second", "max_clients", "max_connections", "dashboard"])
        self.init()
        socketPath = try node.optional("socket")?.string()
        if let tcp = try node.optional("tcp") {
            let text = try tcp.string()
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
                throw tcp.error("must be HOST:PORT, such as 127.0.0.1:8470")
            }
            tcpHost = String(text[..<colon])
            tcpPort = port
        }
        if let node = try node.optional("max_body") { maxBodyBytes = try node.integer(in: 1024...(256 << 20)) }
        if let node = try node.optional("requests_per_second") { requestsPerSecond = try node.integer(in: 1...100_000) }
        if let node = try node.optional("max_clients") { maxClients = try node.integer(in: 1...100_000) }
        if let node = try node.optional("max_connections") { maxConnections = try node.integer(in: 1...100_000) }
        dashboardPath = try node.optional("dashboard")?.string()
        guard socketPath != nil || tcpPort != nil else {
            throw node.error("names no listener; give socket: PATH, tcp: HOST:PORT or both")
        }
    }
}
