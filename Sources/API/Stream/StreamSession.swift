import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Scheduler
import Storage

/// One WebSocket client's stream of one or more channels' logs.
///
/// It reads from the store at the client's own pace (the store is the
/// single source: a channel never waits for a client, and a client that
/// reconnects with its last `seq` reads the rest from the same place, so
/// there is no gap and no duplicate between backlog and live tail).
///
/// A client is slow when, more than `thinAbove` entries behind a channel, it
/// is no less behind `slowPage` later (one catching up after a reconnect
/// shrinks its lag and gets every sample). How far behind is counted from
/// what it says it read (`ReadReceipts`), or else from what the session has
/// sent, which a slow socket holds back: a page stops part-way once sending
/// it takes `slowPage`. While slow, each page comes as its events (estimates
/// thinned to fit the channel's share of the window) and one batch of about `thinAbove`
/// samples (`LogDocument.thinnedDocuments`), and it is told so. Alarms, job and step events are never left out. One that
/// falls behind by more than `dropAbove` is closed, and told so.
struct StreamSession {
    let store: Store
    let watcher: LogWatcher
    let receipts: ReadReceipts
    var cursors: [String: Int64]
    /// Unread documents a connection may have in flight when its client
    /// sends read receipts: small, so a notice reaches a slow reader within
    /// seconds. A client acknowledges at least every `window / 2` messages.
    static let window = 100
    /// Each channel sends at most its share of the window in one pass (at
    /// least `minimumShare`), so the channels take turns.
    static let minimumShare = 5
    /// Log entries read for each document a page may still send: a batch of
    /// samples is one document, so a page may need more entries than documents.
    static let entriesPerDocument = 64
    static let pageSize = 2_000
    /// How long a lag must last (not shrink) to call the client slow, and the longest a page is sent for.
    static let slowPage = Duration.seconds(1)
    static let thinAbove: Int64 = 200
    static let dropAbove: Int64 = 5_000_000
    /// The socket's send buffer (the kernel doubles it) and the most the
    /// connection queues before a write waits: small, so a client that reads
    /// slowly blocks the session within seconds and is seen to be slow
    /// (the client's own receive buffer still hides some lag).
    static let sendBufferBytes = 16 << 10
    static let queuedBytes = ChannelOptions.Types.WriteBufferWaterMark(low: 8 << 10, high: 16 << 10)

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
        var lagMarks: [String: (at: ContinuousClock.Instant, behind: Int64)] = [:]
        let encoder = SnakeCaseKeys.encoder
        let share = max(Self.window / max(cursors.count, 1), Self.minimumShare)
        var inFlight = InFlightDocuments()
        while !Task.isCancelled {
            var sent = false
            for channel in cursors.keys {
                if let read = receipts.lastRead(channel) { inFlight.forget(on: channel, readThrough: read) }
            }
            for channel in cursors.keys.sorted() {
                let cursor = cursors[channel] ?? 0
                let newest = watcher.lastSeq(channel)
                guard newest > cursor else { continue }
                // How far the client is behind: from what it has read, when it says so.
                let read = receipts.lastRead(channel)
                let behind = newest - min(cursor, read ?? cursor)
                if behind > Self.dropAbove {
                    try await send(Notice(channel: channel, keepEvery: 0, behind: behind,
                                          message: "this connection is \(behind) entries behind channel \(channel) and is closed; reconnect with after=\(cursor), or read /v1/channels/\(channel)/samples"),
                                   encoder, outbound)
                    try await outbound.close(.policyViolation, reason: "too slow")
                    return
                }
                // Slow: a second on, no less behind (a client catching up shrinks its lag).
                if behind <= Self.thinAbove {
                    slow.remove(channel)
                    lagMarks[channel] = nil
                } else if let mark = lagMarks[channel] {
                    if mark.at.duration(to: .now) > Self.slowPage {
                        if behind >= mark.behind { slow.insert(channel) }
                        lagMarks[channel] = (.now, behind)
                    }
                } else {
                    lagMarks[channel] = (.now, behind)
                }
                // The client has a window unread: hold back until it reads.
                if read != nil, inFlight.count >= Self.window { continue }
                let keepEvery = slow.contains(channel) && behind > Self.thinAbove ? Int(behind / Self.thinAbove) + 1 : 1
                if keepEvery != thinning[channel, default: 1] {
                    thinning[channel] = keepEvery
                    let message = keepEvery == 1
                        ? "caught up with channel \(channel): every sample is sent again"
                        : "this connection reads slower than channel \(channel) records and is \(behind) entries behind: until it catches up, each page of the log comes as its events, with every \(keepEvery)th estimate, then one batch of every \(keepEvery)th sample (/v1/channels/\(channel)/samples and /log have them all)"
                    try await send(Notice(channel: channel, keepEvery: keepEvery, behind: behind, message: message), encoder, outbound)
                }
                let store = store
                // A client that sends receipts gets its channel's share of what is left of
                // its window at full rate, or a whole page thinned (few documents).
                let room = min(share, Self.window - inFlight.count)
                let limit = keepEvery == 1 && read != nil ? min(room * Self.entriesPerDocument, Self.pageSize) : Self.pageSize
                let entries = try await blocking { try store.log(channel: channel, after: cursor, limit: limit) }
                guard let last = entries.last else { continue }
                let sending = ContinuousClock.now
                let documents = keepEvery == 1
                    ? LogDocument.documents(channel: channel, entries: entries)
                    : LogDocument.thinnedDocuments(channel: channel, entries: entries, keepEvery: keepEvery, documentBudget: share)
                // A full-rate page is in seq order, so it may stop part-way (the rest is
                // read again, thinned if need be): when the client has a window unread,
                // or a second has gone by. A thinned page is small and goes whole.
                var sentThrough = cursor
                var sentNow = 0
                for document in documents {
                    try await send(document, encoder, outbound)
                    sentThrough = max(sentThrough, document.lastSeq)
                    inFlight.sent(document.lastSeq, on: channel)
                    sentNow += 1
                    guard keepEvery == 1 else { continue }
                    if sending.duration(to: .now) > Self.slowPage { break }
                    // Receipts read afresh: the client acknowledges while the page goes out.
                    if let read = receipts.lastRead(channel) {
                        inFlight.forget(on: channel, readThrough: read)
                        if sentNow >= share || inFlight.count >= Self.window { break }
                    }
                }
                cursors[channel] = keepEvery == 1 ? sentThrough : last.seq
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
