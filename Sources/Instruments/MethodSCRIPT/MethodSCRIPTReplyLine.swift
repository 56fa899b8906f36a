/// What one line of a running script's output means, by its first character
/// (INSTRUMENTS.md's table).
enum MethodSCRIPTReplyLine: Equatable {
    case accepted
    case packet(String)
    case error(code: String, detail: String)
    /// An empty line: the script has finished.
    case finished
    /// Loop, scan and text markers (`M`, `*`, `L`, `+`, `C`, `-`, `T`) that carry no data cyclerd uses.
    case marker
    /// Anything else: not MethodSCRIPT output.
    case unexpected(String)

    init(_ line: String) {
        guard let first = line.first else {
            self = .finished
            return
        }
        switch first {
        case "e" where line == "e": self = .accepted
        case "P": self = .packet(line)
        case "!":
            let body = line.dropFirst()
            let code = String(body.prefix(4))
            let detail = body.dropFirst(4).drop { $0 == ":" || $0 == " " }
            self = .error(code: code, detail: String(detail))
        case "M", "*", "L", "+", "C", "-", "T": self = .marker
        default: self = .unexpected(line)
        }
    }
}
