import CyclerConfiguration
import Foundation

/// Reads a protocol in any format cyclerd accepts: its own YAML (or JSON),
/// or aurora-unicycler JSON, recognised by its `method` list.
public enum ProtocolLoader {
    public static func load(contentsOf path: String) throws(ProtocolErrors) -> ProtocolDefinition {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProtocolErrors([ConfigurationError(file: path, line: 0, column: 0, field: "",
                                                     message: "cannot read the protocol file: \(error.localizedDescription)")])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ProtocolErrors) -> ProtocolDefinition {
        let root: ConfigNode
        do {
            root = try ConfigNode.parse(yaml: text, file: file)
        } catch {
            throw ProtocolErrors([error])
        }
        if AuroraProtocol.recognises(root) { return try AuroraProtocol.parse(root) }
        return try ProtocolParser.parse(text, file: file)
    }
}
