import Foundation
import Synchronization

/// What a stream client says it has read: `{"read": {"CHANNEL": LAST_SEQ, …}}`
/// messages, the `last_seq` of the last document it has taken in per channel.
///
/// They are optional. A client that sends them (or promises to, with
/// `receipts=true` on the stream's URL) gets credit-based flow control: the
/// session sends the next page only while fewer than `StreamSession.window`
/// documents are unread (`InFlightDocuments`), so its lag is known exactly
/// (TCP buffers along the way can otherwise hide minutes of it) and it is
/// thinned as soon as it falls behind. From the promise or the first receipt
/// on, a channel it has not acknowledged yet counts as read up to where its
/// stream started, so no channel's backlog floods the connection before the
/// client gets to it. Other messages are ignored.
final class ReadReceipts: Sendable {
    private struct State {
        var read: [String: Int64]
        var acknowledging: Bool
    }

    private struct Message: Decodable {
        var read: [String: Int64]
    }

    private let state: Mutex<State>

    /// - Parameters:
    ///   - starts: each channel's seq the stream starts after.
    ///   - promised: the client said it will send receipts.
    init(starts: [String: Int64], promised: Bool) {
        state = Mutex(State(read: starts, acknowledging: promised))
    }

    /// Takes in one text message from the client.
    func receive(_ text: String) {
        guard let message = try? JSONDecoder().decode(Message.self, from: Data(text.utf8)) else { return }
        state.withLock { state in
            state.acknowledging = true
            for (channel, seq) in message.read { state.read[channel] = max(state.read[channel] ?? 0, seq) }
        }
    }

    /// The last seq the client has read on `channel`; nil when it sends no receipts.
    func lastRead(_ channel: String) -> Int64? {
        state.withLock { $0.acknowledging ? $0.read[channel] : nil }
    }
}
