@testable import cyclerctl
import Foundation
import Testing

/// data.csv reaches the disk within a second of a row, not when 64 KiB have piled up.
@Suite struct TimedOutputFileTests {
    @Test func aLoneRowIsOnDiskWithinTheInterval() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("timed-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try TimedOutputFile(path: path, interval: .milliseconds(200))
        file.write("time_s,voltage_V")
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty, "buffered, not written at once")
        // Five intervals: room for a busy machine's scheduling, far short of a chunk's worth of rows.
        try await Task.sleep(for: .seconds(1))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "time_s,voltage_V\n")
    }
}
