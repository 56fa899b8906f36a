import Hummingbird

/// Counts every answer by status class for `cyclerd_api_requests_total`.
struct RequestCountMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: DaemonMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.countRequest(status: response.status.code)
            return response
        } catch let error as APIError {
            metrics.countRequest(status: error.status.code)
            throw error
        } catch {
            metrics.countRequest(status: 500)
            throw error
        }
    }
}
