/// A SCPI header as instrument manuals write it, `SOURce:CURRent[:LEVel][:IMMediate]`:
/// upper-case letters are the short form, bracketed nodes are optional, and
/// either form matches in any case. A trailing `1` (`SOUR1`) is accepted.
struct SCPIHeaderPattern: Sendable {
    private struct Node: Sendable {
        var short: String
        var long: String
        var optional: Bool
    }

    private let nodes: [Node]

    init(_ pattern: String) {
        var parsed: [Node] = []
        var optional = false
        var name = ""
        func flush() {
            guard !name.isEmpty else { return }
            parsed.append(Node(short: name.filter { $0.isUppercase || $0 == "*" || $0.isNumber }, long: name.uppercased(), optional: optional))
            name = ""
        }
        for character in pattern {
            switch character {
            case "[": flush(); optional = true
            case "]": flush(); optional = false
            case ":": flush()
            default: name.append(character)
            }
        }
        flush()
        nodes = parsed
    }

    func matches(_ header: [String]) -> Bool {
        Self.match(nodes[...], header.map { $0.uppercased() }[...])
    }

    private static func match(_ pattern: ArraySlice<Node>, _ header: ArraySlice<String>) -> Bool {
        guard let node = pattern.first else { return header.isEmpty }
        if let token = header.first, accepts(node, token), match(pattern.dropFirst(), header.dropFirst()) {
            return true
        }
        return node.optional && match(pattern.dropFirst(), header)
    }

    private static func accepts(_ node: Node, _ token: String) -> Bool {
        var name = Substring(token)
        if name.count > 1, name.last == "1", !node.long.hasSuffix("1") { name = name.dropLast() }
        return name == node.short || name == node.long
    }
}
