import CyclerConfiguration
import Scheduler
import Storage

/// What the API serves: the running daemon's store, channels and configuration.
public struct DaemonView: Sendable {
    public let store: Store
    public let channels: [Channel]
    public let configuration: DaemonConfiguration

    public init(store: Store, channels: [Channel], configuration: DaemonConfiguration) {
        self.store = store
        self.channels = channels
        self.configuration = configuration
    }

    /// The channel called `name`, or a 404 that lists the channels there are.
    func channel(_ name: String) throws(APIError) -> Channel {
        guard let channel = channels.first(where: { $0.name == name }) else {
            throw APIError.notFound("no channel \(name); the channels are \(channels.map(\.name).joined(separator: ", "))")
        }
        return channel
    }

    /// Job `id`, or a 404.
    func job(_ id: Int64) async throws -> JobRecord {
        let store = store
        guard let job = try await blocking({ try store.job(id: id) }) else {
            throw APIError.notFound("no job \(id); GET /v1/jobs lists them")
        }
        return job
    }
}
