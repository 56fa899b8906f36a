import Foundation

extension ConfigNode {
    /// Reads and parses a YAML file; an unreadable file is an error naming it and `what` it is.
    public static func load(contentsOf path: String, what: String) throws(ConfigurationError) -> ConfigNode {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, line: 0, column: 0, field: "", message: "cannot read \(what): \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }
}
