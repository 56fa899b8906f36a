/// A CSV row layout of `count` numbers, each column with its own fixed
/// number of decimals (see `FixedPointColumn`).
///
/// The row's values come in an `InlineArray`, so writing one allocates
/// nothing: the row is formatted on the stack and appended to the buffer once.
struct FixedPointRow<let count: Int>: Sendable {
    let columns: InlineArray<count, FixedPointColumn>

    init(decimals: InlineArray<count, Int>) {
        columns = InlineArray { FixedPointColumn(decimals: decimals[$0]) }
    }

    /// Appends `values`, joined by commas, and a newline.
    func append(_ values: InlineArray<count, Double>, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * (FixedPointColumn.maximumLength + 1) + 1) { row in
            var end = 0
            for k in 0..<count {
                if k > 0 {
                    row[end] = UInt8(ascii: ",")
                    end += 1
                }
                end = columns[k].write(values[k], into: row, at: end)
            }
            row[end] = UInt8(ascii: "\n")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: row[...end]))
        }
    }
}
