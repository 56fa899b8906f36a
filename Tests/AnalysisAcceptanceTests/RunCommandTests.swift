import ArgumentParser
@testable import cyclerctl
import Foundation
import Testing

/// `cyclerctl run` analyses what the protocol measured and writes the results
/// into results.json beside the events.
@Suite struct RunCommandTests {
    @Test func electronicConductivityRunWritesItsResult() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let protocolFile = root.appendingPathComponent("Protocols/electronic-conductivity.yaml").path
        let command = try RunCommand.parse([protocolFile, "--sim", "ss-lpscl-ss", "--out", out.path])
        try await command.run()
        let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let analyses = try #require(results["analyses"] as? [[String: Any]])
        #expect(analyses.map { $0["kind"] as? String } == ["electronic"])
        let values = try #require(analyses.first?["values"] as? [[String: Any]])
        let sigma = try #require(values.first { $0["name"] as? String == "σe" }?["value"] as? Double)
        #expect(sigma > 0)
    }
}
