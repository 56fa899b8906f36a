import ArgumentParser
import Foundation

/// Where the daemon is: its Unix socket (no token needed; the default), or a
/// TCP address with a token.
struct DaemonOptions: ParsableArguments {
    @Option(help: "The daemon's Unix socket (default: $CYCLERD_SOCKET, else /run/cyclerd/api.sock when it exists, else data/cyclerd.sock).")
    var socket: String?

    @Option(help: "A daemon over TCP instead, such as http://127.0.0.1:8470 (needs --token or $CYCLERD_TOKEN).")
    var host: String?

    @Option(help: "The bearer token for --host (default: $CYCLERD_TOKEN).")
    var token: String?

    func client() throws -> DaemonClient {
        let environment = ProcessInfo.processInfo.environment
        if let host {
            guard host.hasPrefix("http://") || host.hasPrefix("https://") else {
                throw ValidationError("--host \(host): give a URL such as http://127.0.0.1:8470")
            }
            return DaemonClient(endpoint: .http(host.hasSuffix("/") ? String(host.dropLast()) : host),
                                token: token ?? environment["CYCLERD_TOKEN"])
        }
        let path = socket ?? environment["CYCLERD_SOCKET"]
            ?? (FileManager.default.fileExists(atPath: "/run/cyclerd/api.sock") ? "/run/cyclerd/api.sock" : "data/cyclerd.sock")
        return DaemonClient(endpoint: .unix(path), token: nil)
    }
}
