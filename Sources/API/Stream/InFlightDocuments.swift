/// The documents a stream has sent that its client has not yet said it read,
/// by channel and `last_seq`, oldest first. The read-receipt window counts
/// these, not log entries, because a client counts the messages it takes in:
/// one that acknowledges every n messages must be able to receive n.
struct InFlightDocuments {
    private var lastSeqs: [String: [Int64]] = [:]
    /// All channels' unread documents, as of the last `forget`.
    private(set) var count = 0

    mutating func sent(_ lastSeq: Int64, on channel: String) {
        lastSeqs[channel, default: []].append(lastSeq)
        count += 1
    }

    /// Drops the channel's documents the client has read (`last_seq` up to `read`).
    mutating func forget(on channel: String, readThrough read: Int64) {
        guard let sent = lastSeqs[channel] else { return }
        let taken = sent.prefix { $0 <= read }.count
        guard taken > 0 else { return }
        lastSeqs[channel]?.removeFirst(taken)
        count -= taken
    }
}
