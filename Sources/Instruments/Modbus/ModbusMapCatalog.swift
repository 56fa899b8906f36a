import CyclerConfiguration
import Foundation

/// The register maps cyclerd ships (`Config/instruments/`), by short name,
/// so `--map laumas` works as well as `--map ./my-press.yaml`.
public enum ModbusMapCatalog {
    /// Short name → file under `Config/instruments/`.
    public static let files: [String: String] = [
        "laumas": "laumas-tlu.yaml",
        "flintec": "flintec-dad141.yaml",
        "eurotherm": "eurotherm-3200.yaml",
        "jumo": "jumo.yaml",
    ]

    /// Where shipped maps are looked for: `$CYCLERD_CONFIG/instruments`, the
    /// working directory's `Config/instruments`, the source tree next to a
    /// SwiftPM build (`.build/debug/…`), and `/etc/cyclerd/instruments`.
    public static func searchDirectories(executable: String = CommandLine.arguments.first ?? "") -> [String] {
        var directories: [String] = []
        if let root = ProcessInfo.processInfo.environment["CYCLERD_CONFIG"] { directories.append("\(root)/instruments") }
        directories.append(FileManager.default.currentDirectoryPath + "/Config/instruments")
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for levels in 1...4 {
            var url = binary
            for _ in 0..<levels { url.deleteLastPathComponent() }
            directories.append(url.path + "/Config/instruments")
        }
        directories.append("/etc/cyclerd/instruments")
        return directories
    }

    /// Loads a map by short name (`laumas`) or by path.
    public static func load(_ nameOrPath: String, searching directories: [String] = searchDirectories())
        throws(ConfigurationError) -> ModbusRegisterMap {
        guard let file = files[nameOrPath.lowercased()] else {
            guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
                throw ConfigurationError(file: nameOrPath, line: 0, column: 0, field: "",
                    message: "is neither a map file nor a shipped map; expected a path or one of: "
                        + files.keys.sorted().joined(separator: ", "))
            }
            return try ModbusRegisterMap.load(contentsOf: nameOrPath)
        }
        guard let path = directories.map({ "\($0)/\(file)" }).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ConfigurationError(file: file, line: 0, column: 0, field: "",
                message: "shipped map not found; looked in \(directories.joined(separator: ", ")); set CYCLERD_CONFIG "
                    + "to the folder holding instruments/, or pass the map's path")
        }
        return try ModbusRegisterMap.load(contentsOf: path)
    }
}
