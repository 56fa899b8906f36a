import API
import Foundation
import Testing

/// `cyclerctl` as the daemon's client, run as a user would, against a real daemon.
@Suite(.serialized)
struct CyclerctlClientTests {
    /// Runs cyclerctl with `arguments`, returning its exit status, standard output and standard error.
    static func cyclerctl(_ arguments: [String], socket: String) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cyclerctl")
        process.arguments = arguments
        process.currentDirectoryURL = DaemonProcess.repository
        process.environment = ProcessInfo.processInfo.environment.merging(["CYCLERD_SOCKET": socket]) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func statusSubmitTokensAndExportOverTheSocketAndTCP() async throws {
        let daemon = try DaemonProcess(channels: """
              - {name: cell-a, potentiostat: bench, cell: Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: Protocols/gcpl.yaml}
            """)
        defer { daemon.stop() }
        try await daemon.waitUntilListening()
        try await Task.sleep(for: .seconds(2))

        let status = try Self.cyclerctl(["status"], socket: daemon.socketPath)
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("cell-a") && status.output.contains("running job 1"))

        let check = try Self.cyclerctl(["submit", "cell-a", "Protocols/ccd-ramp.yaml", "--check"], socket: daemon.socketPath)
        #expect(check.status == 1, "a CCD ramp does not suit a full cell: \(check.output)")
        let submitted = try Self.cyclerctl(["submit", "cell-a", "Protocols/gcpl.yaml"], socket: daemon.socketPath)
        #expect(submitted.status == 0 && submitted.output.contains("job 2"), "\(submitted.error)")

        let token = try Self.cyclerctl(["token", "create", "notebook", "--role", "viewer", "--quiet"], socket: daemon.socketPath)
        let secret = token.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("cyd_"))
        let remote = try Self.cyclerctl(["status", "--host", "http://127.0.0.1:\(daemon.port)", "--token", secret], socket: daemon.socketPath)
        #expect(remote.status == 0 && remote.output.contains("cell-a"))
        let refused = try Self.cyclerctl(["stop", "1", "--host", "http://127.0.0.1:\(daemon.port)", "--token", secret], socket: daemon.socketPath)
        #expect(refused.status == 2 && refused.error.contains("403"), "a viewer may not stop a job: \(refused.error)")

        let file = daemon.folder.appendingPathComponent("job1.json").path
        let export = try Self.cyclerctl(["export", "1", "--format", "json", "--output", file], socket: daemon.socketPath)
        #expect(export.status == 0, "\(export.error)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        #expect(document?["format"] as? String == "cyclerd-job")
        #expect(((document?["samples"] as? [Any])?.count ?? 0) > 0)

        let stopped = try Self.cyclerctl(["stop", "2", "--reason", "not needed"], socket: daemon.socketPath)
        #expect(stopped.status == 0, "\(stopped.error)")
        let again = try Self.cyclerctl(["stop", "2"], socket: daemon.socketPath)
        #expect(again.status == 2 && again.error.contains("409"))
    }
}
