/// Retries `attempt` every `interval` while it fails with an error that
/// reconnecting may cure, until it succeeds or `within` has passed (then the
/// last error is thrown). Drivers whose transports reopen by themselves on the
/// next request (Modbus, SCPI) reconnect through it; a cancelled task stops at once.
func retryingUntilReconnected<T>(within: Duration, interval: Duration = .milliseconds(100),
                                 isolation: isolated (any Actor)? = #isolation,
                                 _ attempt: () async throws -> T) async throws -> T {
    let deadline = ContinuousClock.now + within
    while true {
        do {
            return try await attempt()
        } catch let error as any InstrumentError {
            guard error.isRecoverableByReconnect, ContinuousClock.now + interval < deadline, !Task.isCancelled else { throw error }
        }
        try await Task.sleep(for: interval)
    }
}
