/// One entry of an instrument's error queue, as `:SYST:ERR?` reports it:
/// `-113,"Undefined header"`, or `0,"No error"` when the queue is empty.
public struct SCPIErrorQueueEntry: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var isNoError: Bool { code == 0 }

    /// Parses `<code>,"<message>"`; nil when the reply is not of that form.
    public init?(parsing reply: String) {
        guard let comma = reply.firstIndex(of: ",") else { return nil }
        let codeText = reply[..<comma].trimmingCharacters(in: " ")
        guard let code = Int(codeText.hasPrefix("+") ? String(codeText.dropFirst()) : codeText) else { return nil }
        var message = reply[reply.index(after: comma)...].trimmingCharacters(in: " ")
        if message.hasPrefix("\""), message.hasSuffix("\""), message.count >= 2 {
            message = String(message.dropFirst().dropLast())
        }
        self.init(code: code, message: message)
    }

    public var description: String { "\(code),\"\(message)\"" }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
