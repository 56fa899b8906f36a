import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdWebSocket
import NIOCore

/// The context of one API request: who asked (set by `AccessMiddleware`),
/// and the JSON coding every route shares (snake_case keys).
public struct APIContext: AuthRequestContext, WebSocketRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Caller?
    public let webSocket: WebSocketHandlerReference<APIContext>
    /// The connection, for the stream to size its socket's send buffer.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        webSocket = .init()
        channel = source.channel
    }

    public var requestDecoder: JSONDecoder { SnakeCaseKeys.decoder }

    public var responseEncoder: JSONEncoder { SnakeCaseKeys.encoder }

    /// The caller, which `AccessMiddleware` has always set by the time a route runs.
    var caller: Caller { identity ?? Caller(name: "anonymous", role: .viewer) }
}
