import NIOPosix

/// Runs blocking work (a SQLite read, a file export) on NIO's thread pool,
/// off the cooperative pool the channels' tasks and the event loops share:
/// a slow query then delays only the request that asked for it.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
}
