import CyclerConfiguration
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import Transport

/// The daemon's API: the same routes on a Unix socket (trusted: its file's
/// group is the access control) and, when configured, on TCP (every request
/// needs a bearer token). Its `services` run in the daemon's service group.
public struct APIServer: Sendable {
    let daemon: DaemonView
    let settings: APISettings
    let logger: Logger
    let watcher: LogWatcher
    let metrics: DaemonMetrics
    let limiter: RateLimiter
    let stream: StreamRoute
    let digests: JobDigests

    public init(daemon: DaemonView, settings: APISettings, logger: Logger) {
        self.daemon = daemon
        self.settings = settings
        self.logger = logger
        watcher = LogWatcher(store: daemon.store)
        metrics = DaemonMetrics(channels: daemon.channels, store: daemon.store)
        limiter = RateLimiter(requestsPerSecond: settings.requestsPerSecond)
        stream = StreamRoute(daemon: daemon, watcher: watcher, metrics: metrics, maxClients: settings.maxClients)
        digests = JobDigests(store: daemon.store)
    }

    /// Every route, behind the middleware that decides who may do what.
    func router(local: Bool) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: RequestCountMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(logger: logger))
        // The dashboard's files need no token (they hold no data; the page asks for one).
        if let dashboard = settings.dashboardPath {
            router.add(middleware: FileMiddleware(dashboard, searchForIndexHtml: true, logger: logger))
        }
        router.add(middleware: AccessMiddleware(local: local, store: daemon.store))
        router.add(middleware: RateLimitMiddleware(limiter: limiter))
        router.add(middleware: BodyLimitMiddleware(limit: settings.maxBodyBytes))
        ServiceRoutes(daemon: daemon, metrics: metrics).add(to: router)
        stream.add(to: router)
        let reading = router.group("v1")
        ChannelRoutes(daemon: daemon).add(to: reading)
        JobRoutes(daemon: daemon, digests: digests).add(to: reading)
        JobPlotRoutes(daemon: daemon, digests: digests).add(to: reading)
        ControlRoutes(daemon: daemon).addValidation(to: reading)
        ControlRoutes(daemon: daemon).add(to: router.group("v1").add(middleware: RoleMiddleware(minimum: .operator)))
        let administering = router.group("v1").add(middleware: RoleMiddleware(minimum: .admin))
        TokenRoutes(store: daemon.store).add(to: administering)
        ConfigRoute(daemon: daemon).add(to: administering)
        return router
    }

    /// The listeners and the thread that follows the store for streams and metrics.
    public var services: [any Service] {
        var services: [any Service] = [StoreFollower(watcher: watcher, metrics: metrics)]
        if let path = settings.socketPath {
            services.append(application(.unixDomainSocket(path: path), local: true, socketPath: path))
        }
        if let host = settings.tcpHost, let port = settings.tcpPort {
            services.append(application(.hostname(host, port: port), local: false, socketPath: nil))
        }
        return services
    }

    private func application(_ address: BindAddress, local: Bool, socketPath: String?) -> some Service {
        if let socketPath { Self.removeStaleSocket(socketPath) }
        let router = router(local: local)
        let logger = logger
        let connections = ConnectionLimit(maximum: settings.maxConnections)
        return Application(
            router: router,
            // Idle keep-alive connections are closed after a minute, so they do not hold places.
            // Streams are never idle (the log always grows), and a slow reader
            // answers a ping only after what is queued before it, so they get
            // no automatic ping that would cut them off without a word.
            server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(
                http1: .init(additionalChannelHandlers: [connections.handler()], idleTimeout: .seconds(60)),
                ws: .init(autoPing: .disabled))),
            configuration: .init(address: address, serverName: "cyclerd"),
            onServerRunning: { _ in
                if let socketPath {
                    // Owner and group may connect: the group (cyclerd) is who may use the daemon locally.
                    chmod(socketPath, 0o660)
                    logger.info("API on unix:\(socketPath)")
                } else {
                    logger.info("API on http://\(address)")
                }
            },
            logger: logger)
    }

    /// A socket file left by a daemon that did not stop cleanly would make binding fail.
    private static func removeStaleSocket(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
    }
}

/// Reads how far each channel's log reaches ten times a second (for the
/// streams) and refreshes the metrics once a second, on a thread of its own.
struct StoreFollower: Service {
    let watcher: LogWatcher
    let metrics: DaemonMetrics

    func run() async throws {
        let watcher = watcher
        let metrics = metrics
        watcher.refresh()
        metrics.refresh()
        let following = RepeatingThread(name: "API log follower", interval: .milliseconds(100)) { watcher.refresh() }
        let sampling = RepeatingThread(name: "API metrics", interval: .seconds(1)) { metrics.refresh() }
        try? await gracefulShutdown()
        following.stop()
        sampling.stop()
    }
}
