/// Decimal text for a number rounded to a fixed number of decimals, written
/// straight into a byte buffer: `2.2050667`, `-0.000784906`, `236693`.
///
/// Integer arithmetic only, so it is several times faster than shortest
/// round-trip formatting; values too large for it fall back to `description`.
/// A row is formatted on the stack and appended to the buffer once.
enum FixedPointText {
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }
    /// The longest text one number can take: `description` of a Double
    /// (`-2.2250738585072014e-308`), or a sign, 19 digits and a point.
    private static let maximumLength = 32
    /// 10⁰ through 10¹⁹, every power of ten a UInt64 holds.
    private static let integerPowersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(1) { r, _ in r * 10 } }
    /// "00" through "99", so digits are produced two per division.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }

    static func append(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { text in
            let count = write(value, decimals: decimals, into: text, at: 0)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }

    /// Appends one CSV row of numbers and its newline.
    static func appendRow(_ fields: [(value: Double, decimals: Int)], to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fields.count * (maximumLength + 1) + 1) { row in
            var end = 0
            for (k, field) in fields.enumerated() {
                if k > 0 {
                    row[end] = UInt8(ascii: ",")
                    end += 1
                }
                end = write(field.value, decimals: field.decimals, into: row, at: end)
            }
            row[end] = UInt8(ascii: "\n")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: row[...end]))
        }
    }

    /// Writes `value` at `start`, which has `maximumLength` bytes free, and returns where it ends.
    private static func write(_ value: Double, decimals: Int, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        precondition((0...15).contains(decimals), "0 to 15 decimals")
        let scale = powersOfTen[decimals]
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 9e18 else {
            var end = start
            for byte in value.description.utf8 {
                text[end] = byte
                end += 1
            }
            return end
        }
        var end = start
        var n = Int64(scaled)
        if n < 0 {
            text[end] = UInt8(ascii: "-")
            end += 1
            n = -n
        }
        let unit = Int64(scale)
        end = writeDigits(UInt64(n / unit), minimumCount: 1, into: text, at: end)
        var fraction = n % unit
        guard fraction != 0 else { return end }
        var count = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            count -= 1
        }
        text[end] = UInt8(ascii: ".")
        return writeDigits(UInt64(fraction), minimumCount: count, into: text, at: end + 1)
    }

    /// Writes `n` in decimal at `start`, left-padded with zeros to
    /// `minimumCount` (≤ 20) digits, and returns where it ends.
    private static func writeDigits(_ n: UInt64, minimumCount: Int, into text: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let length = max(digitCount(n), minimumCount)
        var position = start + length
        var rest = n
        digitPairs.withUnsafeBufferPointer { pairs in
            while rest >= 100 {
                let pair = Int(rest % 100) * 2
                rest /= 100
                position -= 2
                text[position] = pairs[pair]
                text[position + 1] = pairs[pair + 1]
            }
            if rest >= 10 {
                let pair = Int(rest) * 2
                position -= 2
                text[position] = pairs[pair]
                text[position + 1] = pairs[pair + 1]
            } else {
                position -= 1
                text[position] = UInt8(ascii: "0") + UInt8(rest)
            }
        }
        while position > start {
            position -= 1
            text[position] = UInt8(ascii: "0")
        }
        return start + length
    }

    /// How many decimal digits `n` has (1 for 0), without a loop: n's bit
    /// length b puts it within one digit of ⌊b·log₁₀2⌋ (1233/4096 is log₁₀2
    /// to the precision that matters for b ≤ 64), and one comparison settles
    /// it. A loop over the digits mispredicts its exit on every field.
    /// (`n | 1` has the same digits as n, and one for 0.)
    static func digitCount(_ n: UInt64) -> Int {
        let odd = n | 1
        let estimate = ((UInt64.bitWidth - odd.leadingZeroBitCount) * 1233) >> 12
        return estimate + (odd >= integerPowersOfTen[estimate] ? 1 : 0)
    }
}
