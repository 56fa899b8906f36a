import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Storage

/// Decides who is asking. On the Unix socket everyone who could open it is
/// trusted (its group is the access control). On TCP every request for data
/// (`/v1/…` but the health check, and `/metrics`) needs `Authorization:
/// Bearer TOKEN` with a token the store knows (by its hash): none is 401, an
/// unknown one 401. The API description and the dashboard's files are open:
/// they hold no data, and the dashboard asks for a token itself.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let local: Bool
    let store: Store

    static func needsToken(_ path: String) -> Bool {
        (path.hasPrefix("/v1/") && path != "/v1/health") || path == "/metrics"
    }

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        if local {
            context.identity = .local
        } else if Self.needsToken(request.uri.path) {
            let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"cyclerd\""]
            guard let secret = request.headers.bearer?.token else {
                throw APIError(.unauthorized, "this listener needs a token: send Authorization: Bearer TOKEN (cyclerctl token create makes one)",
                               headers: challenge)
            }
            let store = store
            let hash = TokenSecret.hash(secret)
            guard let token = try await blocking({ try store.token(hash: hash) }), let role = Role(rawValue: token.role) else {
                throw APIError(.unauthorized, "the token is not known to this daemon (revoked, or made for another one)", headers: challenge)
            }
            context.identity = Caller(name: token.name, role: role)
        }
        return try await next(request, context)
    }
}

/// Lets through callers with at least `minimum`'s role; others get 403 naming the role needed.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let minimum: Role

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard context.caller.role >= minimum else {
            throw APIError(.forbidden, "\(request.method) \(request.uri.path) needs the \(minimum.rawValue) role; the token \(context.caller.name) is a \(context.caller.role.rawValue)")
        }
        return try await next(request, context)
    }
}
