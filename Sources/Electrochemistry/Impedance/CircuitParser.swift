/// Recursive-descent parser for impedance.py circuit strings.
///
/// Grammar (whitespace ignored):
/// ```
/// circuit  := term ('-' term)*
/// term     := 'p(' circuit (',' circuit)+ ')' | element
/// element  := kind suffix        kind: R C L CPE W Wo Ws TLM TLMQ
/// suffix   := [0-9_A-Za-z]*      e.g. 0, 1, _bulk
/// ```
struct CircuitParser {
    private let text: String
    private let chars: [Character]
    private var index = 0
    private var nextParameter = 0
    private var names: Set<String> = []

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    mutating func parseCircuit() throws(CircuitParseError) -> Circuit.Node {
        skipSpaces()
        if index == chars.count {
            throw error(.empty, "the circuit is empty; write elements joined by '-', e.g. R0-p(R1,CPE1)")
        }
        let node = try parseSeries()
        skipSpaces()
        if index < chars.count {
            throw error(.unexpectedCharacter,
                        "unexpected '\(chars[index])'; elements are joined by '-' and parallel groups are written p(a,b)")
        }
        return node
    }

    private mutating func parseSeries() throws(CircuitParseError) -> Circuit.Node {
        var terms = [try parseTerm()]
        while true {
            skipSpaces()
            guard index < chars.count, chars[index] == "-" else { break }
            index += 1
            terms.append(try parseTerm())
        }
        return terms.count == 1 ? terms[0] : .series(terms)
    }

    private mutating func parseTerm() throws(CircuitParseError) -> Circuit.Node {
        skipSpaces()
        guard index < chars.count else {
            throw error(.unexpectedEnd, "the circuit ends where an element or p(...) is expected")
        }
        if chars[index] == "p" {
            return try parseParallel()
        }
        return try parseElement()
    }

    private mutating func parseParallel() throws(CircuitParseError) -> Circuit.Node {
        let start = index
        index += 1
        skipSpaces()
        guard index < chars.count, chars[index] == "(" else {
            throw error(.unexpectedCharacter, "'p' starts a parallel group and must be followed by '(', e.g. p(R1,C1)")
        }
        index += 1
        var branches = [try parseSeries()]
        while true {
            skipSpaces()
            guard index < chars.count else {
                throw error(.unexpectedEnd, "the parallel group opened at column \(start + 1) is never closed; add ')'")
            }
            if chars[index] == "," {
                index += 1
                branches.append(try parseSeries())
            } else if chars[index] == ")" {
                index += 1
                break
            } else {
                throw error(.unexpectedCharacter,
                            "unexpected '\(chars[index])' inside p(...); separate branches with ',' and close with ')'")
            }
        }
        guard branches.count >= 2 else {
            throw error(.parallelNeedsTwoBranches, at: start,
                        "p(...) needs at least two branches separated by ',', e.g. p(R1,CPE1)")
        }
        return .parallel(branches)
    }

    private mutating func parseElement() throws(CircuitParseError) -> Circuit.Node {
        let start = index
        while index < chars.count, chars[index].isLetter, chars[index].isASCII { index += 1 }
        let letters = String(chars[start..<index])
        while index < chars.count, chars[index].isASCII, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" {
            index += 1
        }
        let name = String(chars[start..<index])
        // Otherwise `CPÉ1` would be reported as the unknown element `CP`.
        if index < chars.count, !chars[index].isASCII, !chars[index].isWhitespace {
            throw error(.unexpectedCharacter,
                        "'\(chars[index])' is not ASCII; circuits use A-Z, a-z, 0-9, '_', '-', ',' and p(...), e.g. R0-p(R1,CPE1)")
        }
        guard !letters.isEmpty else {
            throw error(.unexpectedCharacter, at: start,
                        "unexpected '\(chars[start])'; expected an element such as R0, CPE1 or Wo1, or p(...)")
        }
        guard let kind = ElementKind(rawValue: letters) ?? Self.kind(forName: name) else {
            let known = ElementKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(.unknownElement, at: start,
                        "unknown element '\(name)'; an element name is one of \(known) followed by a number, e.g. R0 or CPE1")
        }
        guard names.insert(name).inserted else {
            throw error(.duplicateName, at: start,
                        "the name '\(name)' is used twice; give each element its own number, e.g. R1 and R2")
        }
        let element = Circuit.Element(name: name, kind: kind, parameterOffset: nextParameter)
        nextParameter += kind.parameterCount
        return .element(element)
    }

    /// Names such as `Wo1` start with letters that also read as a longer
    /// run; impedance.py strips digits and underscores, so do the same.
    private static func kind(forName name: String) -> ElementKind? {
        ElementKind(rawValue: String(name.filter { !$0.isNumber && $0 != "_" }))
    }

    private mutating func skipSpaces() {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
    }

    private func error(_ code: CircuitParseError.Code, at position: Int? = nil, _ message: String) -> CircuitParseError {
        CircuitParseError(code: code, text: text, column: (position ?? index) + 1, message: message)
    }
}
