import Electrochemistry
import Yams

/// One node of a YAML (or JSON) document that remembers where it came from, so
/// every accessor can throw an error naming file, line, column and field.
///
/// Readers walk a document with these accessors instead of `Codable`, because
/// `Codable` loses positions and cannot tell "missing" from "wrong unit". Not
/// `Sendable`: a node is a short-lived cursor over one parse.
public struct ConfigNode {
    public let node: Node
    /// The dotted field path from the document root.
    public let path: String
    public let file: String

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Parses a whole document. Syntax errors come back located like any other.
    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.locate(error, file: file)
        } catch {
            throw ConfigurationError(file: file, line: 0, column: 0, field: "", message: "could not read YAML: \(error)")
        }
        guard let root else {
            throw ConfigurationError(file: file, line: 1, column: 1, field: "", message: "the file is empty")
        }
        return ConfigNode(node: root, path: "", file: file)
    }

    /// Where this node starts, 1-based.
    public var line: Int { node.mark?.line ?? 0 }
    public var column: Int { node.mark?.column ?? 0 }

    /// An error at this node.
    public func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, column: column, field: path, message: message)
    }

    // MARK: Structure

    public var isMapping: Bool { node.mapping != nil }
    public var isSequence: Bool { node.sequence != nil }
    public var isScalar: Bool { node.scalar != nil }

    /// The keys and values of a mapping, in file order.
    public func entries() throws(ConfigurationError) -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else {
            throw error("expected a mapping of \"key: value\" lines, got \(kindName)")
        }
        return mapping.map { pair in
            let key = pair.key.string ?? "\(pair.key)"
            return (key, ConfigNode(node: pair.value, path: child(key), file: file))
        }
    }

    /// The value under `key`, or nil when absent (or `null`).
    public func optional(_ key: String) throws(ConfigurationError) -> ConfigNode? {
        guard let mapping = node.mapping else {
            throw error("expected a mapping with \"\(key):\", got \(kindName)")
        }
        guard let value = mapping[key], value.null == nil else {
            return nil
        }
        return ConfigNode(node: value, path: child(key), file: file)
    }

    /// The value under `key`; its absence is an error that says what to add.
    public func required(_ key: String, hint: String = "") throws(ConfigurationError) -> ConfigNode {
        guard let value = try optional(key) else {
            let suffix = hint.isEmpty ? "" : ", e.g. \(hint)"
            throw error("is missing the required field \"\(key)\"\(suffix)")
        }
        return value
    }

    /// The items of a sequence, each with an indexed path (`steps[2]`).
    public func items() throws(ConfigurationError) -> [ConfigNode] {
        guard let sequence = node.sequence else {
            throw error("expected a list (lines starting with \"- \"), got \(kindName)")
        }
        return sequence.enumerated().map { index, item in
            ConfigNode(node: item, path: "\(path)[\(index)]", file: file)
        }
    }

    /// Rejects keys a reader does not know, suggesting the nearest known one.
    public func rejectUnknownKeys(allowed: [String]) throws(ConfigurationError) {
        guard let mapping = node.mapping else { return }
        for pair in mapping {
            let key = pair.key.string ?? "\(pair.key)"
            guard !allowed.contains(key) else { continue }
            let keyNode = ConfigNode(node: pair.key, path: child(key), file: file)
            let nearest = allowed.min { key.editDistance(to: $0) < key.editDistance(to: $1) }
            let suggestion = nearest.flatMap { key.editDistance(to: $0) <= max(2, key.count / 3) ? $0 : nil }
            let message = suggestion.map { "unknown field \"\(key)\"; did you mean \"\($0)\"?" }
                ?? "unknown field \"\(key)\"; expected one of: \(allowed.joined(separator: ", "))"
            throw keyNode.error(message)
        }
    }

    // MARK: Scalars

    /// The scalar text.
    public func string() throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw error("expected a single value, got \(kindName)")
        }
        return scalar.string
    }

    public func double() throws(ConfigurationError) -> Double {
        let text = try string()
        guard let value = Double(text), value.isFinite else {
            throw error("expected a number, got \"\(text)\"")
        }
        return value
    }

    public func integer(in range: ClosedRange<Int>? = nil) throws(ConfigurationError) -> Int {
        let text = try string()
        guard let value = Int(text) else {
            throw error("expected a whole number, got \"\(text)\"")
        }
        if let range, !range.contains(value) {
            throw error("must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    public func bool() throws(ConfigurationError) -> Bool {
        guard let value = node.bool else {
            throw error("expected true or false, got \"\((try? string()) ?? kindName)\"")
        }
        return value
    }

    /// A lab quantity such as `0.5 mA/cm2`, checked for dimension; the error
    /// points at the offending character within the value.
    public func quantity(
        expecting dimension: PhysicalDimension? = nil, defaultUnit: String? = nil
    ) throws(ConfigurationError) -> Quantity {
        let text = try string()
        do {
            return try Quantity.parse(text, expecting: dimension, defaultUnit: defaultUnit)
        } catch {
            throw ConfigurationError(
                file: file, line: line, column: column + scalarOffset + error.column, field: path,
                message: error.message)
        }
    }

    /// A choice among named values, listing them when the text is none.
    public func choice<Choice: RawRepresentable & CaseIterable>(
        _ type: Choice.Type
    ) throws(ConfigurationError) -> Choice where Choice.RawValue == String {
        let text = try string()
        guard let value = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("\"\(text)\" is not one of: \(names)")
        }
        return value
    }

    // MARK: Helpers

    private func child(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Quoted scalars start one column after their mark.
    private var scalarOffset: Int {
        switch node.scalar?.style {
        case .singleQuoted?, .doubleQuoted?: 1
        default: 0
        }
    }

    private var kindName: String {
        switch node {
        case .scalar(let scalar): "the value \"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private static func locate(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            ConfigurationError(file: file, line: mark.line, column: mark.column, field: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            ConfigurationError(
                file: file, line: context.mark.line, column: context.mark.column, field: "",
                message: "duplicate key \(duplicates.joined(separator: ", ")); each key may appear once")
        default:
            ConfigurationError(file: file, line: 0, column: 0, field: "", message: "YAML: \(error)")
        }
    }
}

extension String {
    /// Levenshtein distance, for "did you mean" suggestions on short keys.
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
