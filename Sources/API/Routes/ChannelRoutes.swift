import Foundation
import Hummingbird
import Scheduler
import Storage

/// Reading a channel: its state, its log, samples, events, alarms and estimates.
struct ChannelRoutes {
    let daemon: DaemonView

    func add(to router: some RouterMethods<APIContext>) {
        router.get("channels") { _, _ in try await listChannels() }
        router.get("channels/{channel}") { _, context in try await channelView(try context.parameters.require("channel")) }
        router.get("channels/{channel}/log") { request, context in try await log(request, context) }
        router.get("channels/{channel}/events") { request, context in try await events(request, context) }
        router.get("channels/{channel}/samples") { request, context in try await samples(request, context) }
        router.get("channels/{channel}/alarms") { _, context in try await alarms(try context.parameters.require("channel")) }
        router.get("channels/{channel}/estimates") { request, context in try await estimates(request, context) }
    }

    private func listChannels() async throws -> [ChannelView] {
        let daemon = daemon
        return try await blocking {
            let sequences = try daemon.store.lastSequences()
            return try daemon.channels.map { try ChannelView($0, store: daemon.store, sequences: sequences) }
        }
    }

    private func channelView(_ name: String) async throws -> ChannelView {
        let channel = try daemon.channel(name)
        let store = daemon.store
        return try await blocking { try ChannelView(channel, store: store, sequences: try store.lastSequences()) }
    }

    /// The log after `after` as documents, the same the stream sends: a
    /// notebook that polls this with its last `last_seq` sees every entry once.
    private func log(_ request: Request, _ context: APIContext) async throws -> [LogDocument] {
        let name = try daemon.channel(try context.parameters.require("channel")).name
        let after = try request.query("after", as: Int64.self) ?? 0
        let limit = try request.query("limit", in: 1...10_000) ?? 2_000
        let store = daemon.store
        let entries = try await blocking { try store.log(channel: name, after: after, limit: limit) }
        return LogDocument.documents(channel: name, entries: entries)
    }

    private func events(_ request: Request, _ context: APIContext) async throws -> [EventView] {
        let name = try daemon.channel(try context.parameters.require("channel")).name
        let after = try request.query("after", as: Int64.self) ?? 0
        let limit = try request.query("limit", in: 1...10_000) ?? 1_000
        let kind = request.uri.queryParameters["kind"].map(String.init)
        let store = daemon.store
        let events = try await blocking { try store.events(channel: name, after: after, kind: kind, limit: limit) }
        return events.map(EventView.init)
    }

    /// Samples by job time, thinned to `max_points` (min and max per bucket,
    /// so no spike is lost), as JSON or CSV.
    private func samples(_ request: Request, _ context: APIContext) async throws -> Response {
        let name = try daemon.channel(try context.parameters.require("channel")).name
        let range = SampleRange(channel: name, job: try request.query("job", as: Int64.self),
                                from: try request.finiteQuery("from"), to: try request.finiteQuery("to"))
        let maxPoints = try request.query("max_points", in: 2...1_000_000) ?? 10_000
        let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard format == "json" || format == "csv" else { throw APIError.badRequest("format=\(format): give json or csv") }
        let store = daemon.store
        let samples = try await blocking { try store.samples(range, maxPoints: maxPoints).map(SampleView.init) }
        if format == "csv" {
            let text = ([SampleView.csvHeader] + samples.map(\.csvRow)).joined(separator: "\n") + "\n"
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let data = try SnakeCaseKeys.encoder.encode(samples)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func alarms(_ name: String) async throws -> [AlarmView] {
        let name = try daemon.channel(name).name
        let store = daemon.store
        return try await blocking { try AlarmList(channel: name, store: store).alarms }
    }

    private func estimates(_ request: Request, _ context: APIContext) async throws -> [EventView] {
        let name = try daemon.channel(try context.parameters.require("channel")).name
        let limit = try request.query("limit", in: 1...10_000) ?? 100
        let store = daemon.store
        return try await blocking { try store.latestEvents(channel: name, kinds: ["estimate"], limit: limit).map(EventView.init) }
    }
}
