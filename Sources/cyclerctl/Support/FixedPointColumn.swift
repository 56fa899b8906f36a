/// Decimal text for one CSV column of numbers, each rounded to the column's
/// fixed number of decimals and written straight into a byte buffer:
/// `2.2050667`, `-0.000784906`, `236693`.
///
/// The hot path of long simulated runs, so it does no more than the digits
/// need: the scale is the column's, rounding is integer truncation and one
/// comparison (libm's `round` is a call on baseline x86-64), and every
/// division is by the constant 10 or 100, which compiles to a multiply.
/// Values too large for it fall back to `description`.
struct FixedPointColumn: Sendable {
    let decimals: Int
    /// 10^decimals, exact.
    private let scale: Double

    /// The longest text one number can take: `description` of a Double
    /// (`-2.2250738585072014e-308`), or a sign, 19 digits and a point.
    static let maximumLength = 32

    init(decimals: Int) {
        precondition((0...15).contains(decimals), "0 to 15 decimals")
        self.decimals = decimals
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        self.scale = scale
    }

    /// Writes `value` at `start`, which has `maximumLength` bytes free, and returns where it ends.
    ///
    /// The digits of the scaled integer are written from the right: the
    /// fraction's `decimals` digits, the point before them, the integer part
    /// before that; then the fraction's trailing zeros are dropped (and the
    /// point with them when nothing is left of it).
    @inline(__always)
    func write(_ value: Double, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let scaled = value * scale
        // Also false for NaN. Doubles this large are integers already.
        guard abs(scaled) < 9e18 else { return Self.writeDescription(of: value, into: text, at: start) }
        // Round half away from zero: truncate, then the exact remainder
        // decides, without a branch (noise makes it a coin toss per value).
        let truncated = Int64(scaled)
        let remainder = scaled - Double(truncated)
        let n = truncated &+ (remainder >= 0.5 ? 1 : 0) &- (remainder <= -0.5 ? 1 : 0)
        var end = start
        if n < 0 {
            text[end] = UInt8(ascii: "-")
            end &+= 1
        }
        var rest = n.magnitude
        let digits = max(Self.digitCount(rest), decimals &+ 1)
        let point = end &+ digits &- decimals
        guard decimals > 0 else {
            Self.writeDigits(rest, endingAt: point, into: text)
            return point
        }
        var position = point &+ 1 &+ decimals
        let fractionEnd = position
        let pairs = Self.digitPairs
        for _ in 0..<(decimals >> 1) {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            position &-= 2
            text[position] = pairs[pair]
            text[position &+ 1] = pairs[pair &+ 1]
        }
        if decimals & 1 == 1 {
            position &-= 1
            text[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        Self.writeDigits(rest, endingAt: point, into: text)
        text[point] = UInt8(ascii: ".")
        end = fractionEnd
        while end > point &+ 1, text[end &- 1] == UInt8(ascii: "0") { end &-= 1 }
        return end == point &+ 1 ? point : end
    }

    private static func writeDescription(of value: Double, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var end = start
        for byte in value.description.utf8 {
            text[end] = byte
            end += 1
        }
        return end
    }

    /// Writes `n`'s digits (one for 0) so that they end just before `end`.
    @inline(__always)
    private static func writeDigits(_ n: UInt64, endingAt end: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        var position = end
        var rest = n
        let pairs = digitPairs
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            position &-= 2
            text[position] = pairs[pair]
            text[position &+ 1] = pairs[pair &+ 1]
        }
        if rest >= 10 {
            let pair = Int(rest) &* 2
            text[position &- 2] = pairs[pair]
            text[position &- 1] = pairs[pair &+ 1]
        } else {
            text[position &- 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
    }

    /// "00" through "99", so digits are produced two per division. A literal,
    /// so reading it needs no lazy initialisation.
    private static var digitPairs: UnsafeBufferPointer<UInt8> {
        let text: StaticString = """
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """
        return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// How many decimal digits `n` has (1 for 0), without a loop: n's bit
    /// length b puts it within one digit of ⌊b·log₁₀2⌋ (1233/4096 is log₁₀2
    /// to the precision that matters for b ≤ 64), and one comparison settles
    /// it. A loop over the digits mispredicts its exit on every field.
    /// (`n | 1` has the same digits as n, and one for 0.)
    @inline(__always)
    static func digitCount(_ n: UInt64) -> Int {
        let odd = n | 1
        let estimate = ((UInt64.bitWidth - odd.leadingZeroBitCount) &* 1233) >> 12
        return estimate + (odd >= powersOfTen[estimate] ? 1 : 0)
    }

    /// 10⁰ through 10¹⁹, every power of ten a UInt64 holds. A literal, so
    /// the optimiser lays it out statically (no lazy initialisation).
    private static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
        1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]
}
