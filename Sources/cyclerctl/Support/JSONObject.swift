/// A JSON object built member by member, keeping keys in the order written
/// (parameters in circuit order), for one-object-per-line `--json` output.
struct JSONObject {
    private var members: [(String, JSONValue)] = []

    mutating func add(_ key: String, _ value: String) { members.append((key, .string(value))) }
    mutating func add(_ key: String, _ value: Double?) { members.append((key, .optional(value))) }
    mutating func add(_ key: String, _ value: Int) { members.append((key, .number(Double(value)))) }
    mutating func add(_ key: String, _ value: Bool) { members.append((key, .bool(value))) }
    mutating func add(_ key: String, object: JSONObject) { members.append((key, object.value)) }
    mutating func add(_ key: String, array: [JSONObject]) { members.append((key, .array(array.map(\.value)))) }
    mutating func add(_ key: String, strings: [String]) { members.append((key, .array(strings.map { .string($0) }))) }

    var value: JSONValue { .object(members) }
    var text: String { value.text }
}
