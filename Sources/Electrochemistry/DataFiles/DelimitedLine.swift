import Foundation

/// One line of a delimited text table, split into fields that remember the
/// 1-based column they start at, so errors can point at them.
struct DelimitedLine {
    struct Field {
        var text: Substring
        var column: Int
    }

    var fields: [Field]

    init(_ line: Substring, delimiter: Character) {
        var fields: [Field] = []
        var start = line.startIndex, column = 1, fieldColumn = 1
        for index in line.indices {
            if line[index] == delimiter {
                fields.append(Field(text: line[start..<index], column: fieldColumn))
                start = line.index(after: index)
                fieldColumn = column + 1
            }
            column += 1
        }
        fields.append(Field(text: line[start...], column: fieldColumn))
        self.fields = fields
    }

    /// The field's number, accepting a decimal comma when commas do not
    /// separate fields (EC-Lab writes the PC locale's decimal mark).
    static func number(_ field: Field, decimalComma: Bool) -> Double? {
        var text = field.text.trimmingCharacters(in: " \"\r")
        if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
        guard !text.isEmpty, let value = Double(text) else { return nil }
        return value
    }
}

extension Substring {
    /// The text without leading and trailing characters in `set`.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let first = s.first, chars.contains(first) { s = s.dropFirst() }
        while let last = s.last, chars.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
