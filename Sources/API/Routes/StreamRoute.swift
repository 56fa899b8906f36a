import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Scheduler
import Synchronization

/// `GET /v1/stream` upgraded to a WebSocket: one channel's log
/// (`?channel=NAME&after=SEQ`) or every channel's (`?after=NAME:SEQ,NAME:SEQ`),
/// from just after the given sequence numbers (the start of the log without
/// them), then live; `receipts=true` promises read receipts (`ReadReceipts`).
/// See `StreamSession` for how slow clients are treated.
final class StreamRoute: Sendable {
    let daemon: DaemonView
    let watcher: LogWatcher
    let metrics: DaemonMetrics
    let maxClients: Int
    let clients: Mutex<Int>

    init(daemon: DaemonView, watcher: LogWatcher, metrics: DaemonMetrics, maxClients: Int) {
        self.daemon = daemon
        self.watcher = watcher
        self.metrics = metrics
        self.maxClients = maxClients
        self.clients = Mutex(0)
    }

    /// Where each requested channel's stream starts, from the query; a bad one is a 400.
    func cursors(_ request: Request) throws(APIError) -> [String: Int64] {
        let after = request.uri.queryParameters["after"].map(String.init)
        if let channel = request.uri.queryParameters["channel"].map(String.init) {
            let name = try daemon.channel(channel).name
            guard let after else { return [name: 0] }
            guard let seq = Int64(after), seq >= 0 else { throw APIError.badRequest("after=\(after): give the last seq you saw, a whole number") }
            return [name: seq]
        }
        var cursors = Dictionary(uniqueKeysWithValues: daemon.channels.map { ($0.name, Int64(0)) })
        for pair in (after ?? "").split(separator: ",") {
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seq = Int64(parts[1]), seq >= 0 else {
                throw APIError.badRequest("after=\(after ?? ""): give CHANNEL:SEQ pairs separated by commas")
            }
            cursors[try daemon.channel(String(parts[0])).name] = seq
        }
        return cursors
    }

    /// Whether the client promises read receipts (`receipts=true`), from the query; a bad value is a 400.
    func receiptsPromised(_ request: Request) throws(APIError) -> Bool {
        switch request.uri.queryParameters["receipts"].map(String.init) {
        case nil, "false": return false
        case "true": return true
        case let other?: throw APIError.badRequest("receipts=\(other): say true if the client will send read receipts, false (the default) if not")
        }
    }
}

/// A count of open streams that is given back however the stream ends.
final class StreamSlot: Sendable {
    private let route: StreamRoute

    init?(_ route: StreamRoute) {
        let taken = route.clients.withLock { count -> Int? in
            guard count < route.maxClients else { return nil }
            count += 1
            return count
        }
        guard let taken else { return nil }
        self.route = route
        route.metrics.streamClientsChanged(to: taken)
    }

    deinit {
        let count = route.clients.withLock { count in
            count -= 1
            return count
        }
        route.metrics.streamClientsChanged(to: count)
    }
}

extension StreamRoute {
    func add(to router: Router<APIContext>) {
        router.ws("v1/stream") { [self] request, _ in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw APIError(.upgradeRequired, "GET /v1/stream is a WebSocket: connect with a WebSocket client (ws://…/v1/stream?channel=NAME&after=SEQ); GET /v1/channels/NAME/log reads the same documents over plain HTTP",
                               headers: [.upgrade: "websocket"])
            }
            _ = try cursors(request)
            _ = try receiptsPromised(request)
            guard clients.withLock({ $0 }) < maxClients else {
                throw APIError(.tooManyRequests, "too many streams open (api.max_clients = \(maxClients)); try again later", headers: [.retryAfter: "10"])
            }
            return .upgrade([:])
        } onUpgrade: { [self] inbound, outbound, context in
            guard let slot = StreamSlot(self) else {
                try await outbound.close(.unexpectedServerError, reason: "too many streams open (api.max_clients = \(maxClients)); try again later")
                return
            }
            // A small send buffer makes a client that reads slowly block the
            // session's writes within seconds, so the session sees it is slow
            // (otherwise the kernel takes megabytes and the lag stays hidden).
            let connection = context.requestContext.channel
            try await connection.setOption(ChannelOptions.socketOption(.so_sndbuf), value: StreamSession.sendBufferBytes).get()
            try await connection.setOption(ChannelOptions.writeBufferWaterMark, value: StreamSession.queuedBytes).get()
            let starts = try cursors(context.request)
            let receipts = ReadReceipts(starts: starts, promised: try receiptsPromised(context.request))
            let session = StreamSession(store: daemon.store, watcher: watcher, receipts: receipts, cursors: starts)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The client's messages are its read receipts; the end of them is the client gone.
                group.addTask {
                    for try await message in inbound.messages(maxSize: 64 << 10) {
                        if case .text(let text) = message { receipts.receive(text) }
                    }
                }
                group.addTask {
                    var running = session
                    try await running.run(outbound: outbound)
                }
                try await group.next()
                group.cancelAll()
            }
            withExtendedLifetime(slot) {}
        }
    }
}
