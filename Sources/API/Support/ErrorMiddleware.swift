import Foundation
import Hummingbird
import Logging
import Scheduler
import Storage

/// Turns every error a route throws into a JSON answer that says what to fix:
/// a refusal from a channel (404, 409, 422), a body that is not the JSON the
/// route expects (400), a database that cannot be read (503). Anything else
/// is a defect of the daemon: logged, and answered 500 with its description.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let logger: Logger

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as ChannelRefusal {
            switch error.kind {
            case .notFound: throw APIError(.notFound, error.message)
            case .conflict: throw APIError(.conflict, error.message)
            case .invalid: throw APIError(.unprocessableContent, error.message)
            }
        } catch let error as DecodingError {
            throw APIError.badRequest("the request body is not what \(request.method) \(request.uri.path) takes: \(Self.describe(error)); see /openapi.json")
        } catch let error as StorageError {
            if error.code == .notFound { throw APIError.notFound("\(error)") }
            logger.error("\(request.method) \(request.uri.path): \(error)")
            throw APIError(.serviceUnavailable, "the database cannot be read now: \(error)")
        } catch {
            logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            throw APIError(.internalServerError, "\(error)")
        }
    }

    /// Which field was wrong, in words.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).joined(separator: ".")
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "the field \(key.stringValue) is missing\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type)\(path(context))"
        case .dataCorrupted(let context): return "not valid JSON\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
