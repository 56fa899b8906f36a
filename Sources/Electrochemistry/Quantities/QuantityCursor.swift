/// A position in the text being parsed, counted in characters so that error columns
/// match what an editor shows for `°C`, `µm` or `cm²`.
struct QuantityCursor {
    let text: String
    private let characters: [Character]
    private(set) var index = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    var isAtEnd: Bool { index >= characters.count }

    var current: Character? { character(at: index) }

    func character(at position: Int) -> Character? {
        characters.indices.contains(position) ? characters[position] : nil
    }

    mutating func advance() {
        index += 1
    }

    /// Consumes the next character if it is one of `accepted`, returning it.
    mutating func consume(_ accepted: Set<Character>) -> Character? {
        guard let current, accepted.contains(current) else { return nil }
        advance()
        return current
    }

    mutating func consume(while predicate: (Character) -> Bool) -> String {
        let start = index
        while let current, predicate(current) { advance() }
        return String(characters[start..<index])
    }

    mutating func skipWhitespace() {
        _ = consume(while: \.isWhitespace)
    }

    func text(from start: Int) -> String {
        String(characters[start..<index])
    }

    func error(_ code: QuantityError.Code, at column: Int, _ message: String) -> QuantityError {
        QuantityError(code, text: text, column: column, message: message)
    }
}
