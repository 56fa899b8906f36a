import Foundation
import Synchronization

/// What a stream client says it has read: `{"read": {"CHANNEL": LAST_SEQ, …}}`
/// messages, the `last_seq` of the last document it has taken in per channel.
///
/// They are optional. A client that sends them gets credit-based flow
/// control: the session sends a channel's next page only while fewer than
/// `StreamSession.window` entries are unread, so its lag is known exactly
/// (TCP buffers along the way can otherwise hide minutes of it) and it is
/// thinned as soon as it falls behind. Other messages are ignored.
final class ReadReceipts: Sendable {
    private let read = Mutex<[String: Int64]>([:])

    private struct Message: Decodable {
        var read: [String: Int64]
    }

    /// Takes in one text message from the client.
    func receive(_ text: String) {
        guard let message = try? JSONDecoder().decode(Message.self, from: Data(text.utf8)) else { return }
        read.withLock { read in
            for (channel, seq) in message.read { read[channel] = max(read[channel] ?? 0, seq) }
        }
    }

    /// The last seq the client said it read on `channel`; nil when it sends no receipts.
    func lastRead(_ channel: String) -> Int64? {
        read.withLock { $0[channel] }
    }
}
