import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdWebSocket

/// The context of one API request: who asked (set by `AccessMiddleware`),
/// and the JSON coding every route shares (snake_case keys).
public struct APIContext: AuthRequestContext, WebSocketRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Caller?
    public let webSocket: WebSocketHandlerReference<APIContext>

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        webSocket = .init()
    }

    public var requestDecoder: JSONDecoder { SnakeCaseKeys.decoder }

    public var responseEncoder: JSONEncoder { SnakeCaseKeys.encoder }

    /// The caller, which `AccessMiddleware` has always set by the time a route runs.
    var caller: Caller { identity ?? Caller(name: "anonymous", role: .viewer) }
}
