import Foundation
import HummingbirdWebSocket
import NIOWebSocket
import Scheduler
import Storage

/// One WebSocket client's stream of one or more channels' logs.
///
/// It reads from the store at the client's own pace (the store is the
/// single source: a channel never waits for a client, and a client that
/// reconnects with its last `seq` reads the rest from the same place, so
/// there is no gap and no duplicate between backlog and live tail). A client
/// is slow when it cannot take a page as fast as it is sent (its socket stays
/// full for `slowPage`): while it is, and more than `thinAbove` entries
/// behind, its sample batches keep about `thinAbove` samples a read, and it is
/// told so; events
/// are never thinned. A client catching up quickly (after a reconnect) gets
/// every sample. One that falls behind by more than `dropAbove` is closed,
/// and told so.
struct StreamSession {
    let store: Store
    let watcher: LogWatcher
    var cursors: [String: Int64]
    static let pageSize = 2_000
    static let slowPage = Duration.seconds(1)
    static let thinAbove: Int64 = 200
    static let dropAbove: Int64 = 5_000_000
    /// The socket's send buffer (the kernel doubles it): a few pages of samples.
    static let sendBufferBytes = 64 << 10

    /// A message about the stream itself, outside the log (no `seq`).
    struct Notice: Encodable {
        var kind = "notice"
        var channel: String
        /// Every n-th sample is sent while behind; 1 means every sample.
        var keepEvery: Int
        var behind: Int64
        var message: String
    }

    mutating func run(outbound: WebSocketOutboundWriter) async throws {
        var thinning: [String: Int] = [:]
        var slow: Set<String> = []
        let encoder = SnakeCaseKeys.encoder
        while !Task.isCancelled {
            var sent = false
            for channel in cursors.keys.sorted() {
                let cursor = cursors[channel] ?? 0
                let behind = watcher.lastSeq(channel) - cursor
                guard behind > 0 else { continue }
                if behind > Self.dropAbove {
                    try await send(Notice(channel: channel, keepEvery: 0, behind: behind,
                                          message: "this connection is \(behind) entries behind channel \(channel) and is closed; reconnect with after=\(cursor), or read /v1/channels/\(channel)/samples"),
                                   encoder, outbound)
                    try await outbound.close(.policyViolation, reason: "too slow")
                    return
                }
                let keepEvery = slow.contains(channel) && behind > Self.thinAbove ? Int(behind / Self.thinAbove) + 1 : 1
                if keepEvery != thinning[channel, default: 1] {
                    thinning[channel] = keepEvery
                    let message = keepEvery == 1
                        ? "caught up with channel \(channel): every sample is sent again"
                        : "this connection reads slower than channel \(channel) records and is \(behind) entries behind: sample batches keep every \(keepEvery)th sample until it catches up (events are all sent; /v1/channels/\(channel)/samples has every sample)"
                    try await send(Notice(channel: channel, keepEvery: keepEvery, behind: behind, message: message), encoder, outbound)
                }
                let store = store
                let entries = try await blocking { try store.log(channel: channel, after: cursor, limit: Self.pageSize) }
                guard let last = entries.last else { continue }
                let sending = ContinuousClock.now
                for document in LogDocument.documents(channel: channel, entries: entries, keepEvery: keepEvery) {
                    try await send(document, encoder, outbound)
                }
                if sending.duration(to: .now) > Self.slowPage { slow.insert(channel) } else { slow.remove(channel) }
                cursors[channel] = last.seq
                sent = true
            }
            if !sent { try await Task.sleep(for: .milliseconds(100)) }
        }
    }

    private func send(_ value: some Encodable, _ encoder: JSONEncoder, _ outbound: WebSocketOutboundWriter) async throws {
        let data = try encoder.encode(value)
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }
}
