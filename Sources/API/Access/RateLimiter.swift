import Foundation
import Hummingbird
import Synchronization

/// A token bucket per caller: `rate` requests a second on average, bursts of
/// twice that. A caller over its rate gets 429 and how long to wait, and
/// never costs the channels anything.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var refilled: ContinuousClock.Instant
    }

    let rate: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(requestsPerSecond: Int) {
        rate = Double(requestsPerSecond)
    }

    /// Takes one request from `caller`'s bucket; nil when allowed, else the seconds to wait.
    func take(for caller: String, now: ContinuousClock.Instant = .now) -> Double? {
        buckets.withLock { buckets in
            let capacity = rate * 2
            var bucket = buckets[caller] ?? Bucket(tokens: capacity, refilled: now)
            let elapsed = now - bucket.refilled
            bucket.tokens = min(capacity, bucket.tokens + rate * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
            bucket.refilled = now
            defer { buckets[caller] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
    }
}

struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        if let wait = limiter.take(for: context.caller.name) {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw APIError(.tooManyRequests, "more than \(Int(limiter.rate)) requests a second from \(context.caller.name); wait \(seconds) s",
                           headers: [.retryAfter: "\(seconds)"])
        }
        return try await next(request, context)
    }
}
