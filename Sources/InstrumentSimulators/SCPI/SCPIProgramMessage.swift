/// One command of a SCPI program message: `:SOUR:CURR:LEV 1e-3` or `:READ? "defbuffer1", READ`.
struct SCPICommand: Sendable, Equatable {
    /// Header nodes without colons (`["SOUR", "CURR", "LEV"]`), or `["*IDN"]` for common commands.
    var nodes: [String]
    var isQuery: Bool
    /// Parameters as written, trimmed; quoted strings keep their quotes.
    var parameters: [String]

    /// Splits a program message at `;` (outside quotes) into commands.
    ///
    /// Every command is taken from the root, as drivers write them with a
    /// leading `:`; SCPI's relative-path rule after `;` is not modelled.
    static func parse(_ message: String) -> [SCPICommand] {
        split(message, at: ";").compactMap { unit in
            let text = Substring(trim(unit))
            guard !text.isEmpty else { return nil }
            let header = text.prefix { !$0.isWhitespace }
            let rest = text.dropFirst(header.count)
            var name = String(header)
            let isQuery = name.hasSuffix("?")
            if isQuery { name.removeLast() }
            let nodes = name.split(separator: ":").map(String.init)
            let parameters = split(String(rest), at: ",").map(trim).filter { !$0.isEmpty }
            return SCPICommand(nodes: nodes, isQuery: isQuery, parameters: parameters)
        }
    }

    private static func split(_ text: String, at separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == separator {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// Drops white space, including the `\n` that ends a message, at both ends.
    private static func trim(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
