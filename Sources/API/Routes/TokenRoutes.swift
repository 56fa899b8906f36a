import Foundation
import Hummingbird
import Storage

/// Tokens for the TCP listener (admin only): make one (its secret is shown
/// this once; the store keeps its hash), list them, revoke one.
struct TokenRoutes {
    let store: Store

    func add(to router: some RouterMethods<APIContext>) {
        router.get("tokens") { _, _ in
            let store = store
            return try await blocking { try store.tokens() }.map {
                TokenView(name: $0.name, role: Role(rawValue: $0.role) ?? .viewer, createdAt: $0.createdAt, token: nil)
            }
        }
        router.post("tokens") { request, context -> EditedResponse<TokenView> in
            let body = try await request.decode(as: TokenRequest.self, context: context)
            guard body.name.range(of: "^[A-Za-z0-9._@-]{1,64}$", options: .regularExpression) != nil else {
                throw APIError.badRequest("name \(body.name): use 1 to 64 letters, digits, dots, dashes, underscores or @")
            }
            let secret = TokenSecret.make()
            let token = APIToken(name: body.name, role: body.role.rawValue, hash: TokenSecret.hash(secret), createdAt: Date().timeIntervalSince1970)
            let store = store
            let taken = try await blocking { try store.tokens().contains { $0.name == body.name } }
            guard !taken else { throw APIError(.conflict, "a token named \(body.name) exists; revoke it first or pick another name") }
            try await blocking { try store.insert(token) }
            return EditedResponse(status: .created, response: TokenView(name: body.name, role: body.role, createdAt: token.createdAt, token: secret))
        }
        router.delete("tokens/{name}") { _, context -> AcceptedView in
            let name = try context.parameters.require("name")
            let store = store
            guard try await blocking({ try store.revokeToken(named: name) }) else { throw APIError.notFound("no token named \(name)") }
            return AcceptedView(accepted: true, message: "token \(name) revoked")
        }
    }
}
