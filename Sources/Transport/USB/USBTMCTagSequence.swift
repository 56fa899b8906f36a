/// The bTag counter: 1, 2, …, 255, then 1 again. Zero is never used.
///
/// Each bulk-OUT message takes the next tag so that a reply (which echoes it)
/// can be matched to its request, and a stale reply to an earlier one refused.
public struct USBTMCTagSequence: Sendable, Hashable {
    private var last: UInt8

    /// `last` is the tag used most recently; the next one follows it.
    public init(last: UInt8 = 0) { self.last = last }

    public mutating func next() -> UInt8 {
        last = last == 255 ? 1 : last + 1
        return last
    }
}
