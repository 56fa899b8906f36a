import Hummingbird

/// Reads a request's body up to `limit` bytes before any route sees it; a
/// larger one is refused with 413 naming the limit.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let limit: Int

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard request.method == .post || request.method == .put || request.method == .patch else { return try await next(request, context) }
        var request = request
        do {
            let buffer = try await request.body.collect(upTo: limit)
            request.body = .init(buffer: buffer)
        } catch {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit) bytes (api.max_body)")
        }
        return try await next(request, context)
    }
}
