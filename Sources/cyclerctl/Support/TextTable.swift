/// Rows of cells laid out in columns as wide as their widest cell, so a
/// terminal table stays readable whatever the numbers' lengths.
enum TextTable {
    static func render(_ rows: [[String]], gap: Int = 2) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { k in rows.map { k < $0.count ? $0[k].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { k, cell in
                k == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[k] - cell.count + gap)
            }.joined()
        }.joined(separator: "\n")
    }
}
