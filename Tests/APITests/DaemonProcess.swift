import Foundation
import Glibc

/// A real `cyclerd` started for a test, on a simulated bench in a temporary
/// folder, with its API on a Unix socket and a loopback TCP port; killed
/// when the test ends.
final class DaemonProcess {
    let folder: URL
    let socketPath: String
    let port: Int
    private let process = Process()

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// - Parameters:
    ///   - api: more `api:` settings, such as `max_connections: 2`.
    ///   - instruments: more instruments beside `bench`, as `instruments:` list items.
    init(channels: String, speed: Int = 3600, api: String = "", instruments: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        socketPath = folder.appendingPathComponent("api.sock").path
        port = try Self.freePort()
        let configuration = """
            storage: {path: \(folder.path)/data.sqlite}
            simulation: {speed: \(speed)}
            api: {socket: \(socketPath), tcp: "127.0.0.1:\(port)"\(api.isEmpty ? "" : ", " + api)}
            instruments:
              - {name: bench, address: "sim:nmc811-lpscl-liin"}
            \(instruments)
            channels:
            \(channels)
            """
        let file = folder.appendingPathComponent("cyclerd.yaml")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyclerd")
        process.arguments = ["--config", file.path]
        process.currentDirectoryURL = Self.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: {
            let log = folder.appendingPathComponent("cyclerd.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            return log
        }())
        try process.run()
    }

    /// Waits until the API answers on its socket (the daemon is up), at most `timeout`.
    func waitUntilListening(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: socketPath), Self.canConnect(port: port) { return }
            guard process.isRunning else { throw DaemonFailure(log: log) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DaemonFailure(log: "no API after \(timeout)\n" + log)
    }

    var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("cyclerd.log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    struct DaemonFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "cyclerd did not start:\n\(log)" }
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
