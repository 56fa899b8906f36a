import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// How many plain HTTP connections one listener holds open (`api.max_connections`).
///
/// Streams are counted by `StreamRoute` (`api.max_clients`); this caps the
/// rest, so a client that opens connections and keeps them cannot exhaust
/// the daemon's file descriptors, which its instruments and database need.
final class ConnectionLimit: Sendable {
    let maximum: Int
    private let open = Atomic(0)

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// The handler for one new connection's pipeline.
    func handler() -> ConnectionLimitHandler { ConnectionLimitHandler(limit: self) }

    /// Takes a place for a connection, given back when it closes; false when none is left.
    func admit(_ channel: any Channel) -> Bool {
        let count = open.wrappingAdd(1, ordering: .relaxed).newValue
        channel.closeFuture.whenComplete { [self] _ in open.wrappingSubtract(1, ordering: .relaxed) }
        return count <= maximum
    }
}

/// Lets a connection's requests through while its listener has room, and
/// otherwise answers its first request with 503 and closes it.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let limit: ConnectionLimit
    private var refused = false

    init(limit: ConnectionLimit) {
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        refused = !limit.admit(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard refused else { return context.fireChannelRead(data) }
        guard case .head = unwrapInboundIn(data) else { return }
        let body = #"{"error":{"status":503,"message":"too many connections open (api.max_connections = \#(limit.maximum)); close idle ones or try again later"}}"#
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        let head = HTTPResponse(status: .serviceUnavailable, headerFields: [
            .contentType: "application/json", .contentLength: "\(body.utf8.count)", .retryAfter: "10", .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }
}
