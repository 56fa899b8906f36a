import Foundation

/// Minimal JSON text building for one-object-per-line output, keeping keys in
/// the order written (parameters in circuit order) and writing non-finite
/// numbers as null.
struct JSONObject {
    private var members: [String] = []

    mutating func add(_ key: String, _ value: String) { members.append(JSONText.string(key) + ":" + JSONText.string(value)) }
    mutating func add(_ key: String, _ value: Double?) { members.append(JSONText.string(key) + ":" + JSONText.number(value)) }
    mutating func add(_ key: String, _ value: Int) { members.append(JSONText.string(key) + ":" + String(value)) }
    mutating func add(_ key: String, _ value: Bool) { members.append(JSONText.string(key) + ":" + (value ? "true" : "false")) }
    mutating func add(_ key: String, object: JSONObject) { members.append(JSONText.string(key) + ":" + object.text) }
    mutating func add(_ key: String, array: [JSONObject]) {
        members.append(JSONText.string(key) + ":[" + array.map(\.text).joined(separator: ",") + "]")
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}

enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return "\(x)"
    }
}
