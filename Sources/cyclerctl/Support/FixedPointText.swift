/// Decimal text for a number rounded to a fixed number of decimals, written
/// straight into a byte buffer: `2.2050667`, `-0.000784906`, `236693`.
///
/// Integer arithmetic only, so it is several times faster than shortest
/// round-trip formatting; values too large for it fall back to `description`.
enum FixedPointText {
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    static func append(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
        precondition((0...15).contains(decimals), "0 to 15 decimals")
        let scale = powersOfTen[decimals]
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 9e18 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        var n = Int64(scaled)
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        let unit = Int64(scale)
        appendDigits(UInt64(n / unit), minimumCount: 1, to: &bytes)
        var fraction = n % unit
        guard fraction != 0 else { return }
        var count = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            count -= 1
        }
        bytes.append(UInt8(ascii: "."))
        appendDigits(UInt64(fraction), minimumCount: count, to: &bytes)
    }

    /// Writes `n` in decimal, left-padded with zeros to `minimumCount` (≤ 20) digits.
    private static func appendDigits(_ n: UInt64, minimumCount: Int, to bytes: inout [UInt8]) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var start = digits.count
            var rest = n
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            while digits.count - start < minimumCount {
                start -= 1
                digits[start] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends one CSV row of numbers and its newline.
    static func appendRow(_ fields: [(value: Double, decimals: Int)], to bytes: inout [UInt8]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field.value, decimals: field.decimals, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
