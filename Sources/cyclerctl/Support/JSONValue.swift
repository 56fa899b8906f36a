import Foundation

/// A JSON value written in the order its keys were given, so every line of
/// `--json` output reads the same way (`jq` and pandas do not care; people do).
indirect enum JSONValue {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number, or null when absent or not finite.
    static func optional(_ value: Double?) -> JSONValue {
        value.map { .number($0) } ?? .null
    }

    /// Compact JSON text. Non-finite numbers, which JSON cannot hold, become null.
    var text: String {
        switch self {
        case .number(let x):
            guard x.isFinite else { return "null" }
            // Counts and other whole numbers read as integers.
            return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .string(let s): return Self.quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { Self.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
