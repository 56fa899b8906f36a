import API
import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOHTTP1
import Testing

/// A stream client that sends read receipts and falls behind is told so and
/// gets thinned pages, through a real daemon; the channel does not wait for it.
@Suite(.serialized)
struct SlowStreamTests {
    /// What the slow client received after it started reading again.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var notices: [[String: Any]] = []
        private var omitted = 0

        func add(notice: [String: Any]) { lock.withLock { notices.append(notice) } }
        func add(omitted count: Int) { lock.withLock { omitted += count } }
        var thinningNotices: Int { lock.withLock { notices.filter { ($0["keep_every"] as? Int ?? 1) > 1 }.count } }
        var samplesOmitted: Int { lock.withLock { omitted } }
    }

    @Test func aClientThatLeavesItsWindowUnreadIsThinnedAndToldSo() async throws {
        // A long rest recorded every 10 s: at 3600x the log grows by about 360 entries a second.
        let resting = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-rest-\(UUID().uuidString).yaml")
        try "name: long rest\nrecord: {dt: 10 s, sample: 10 s}\nsteps:\n  - rest: 1000 h\n".write(to: resting, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: resting) }
        let daemon = try DaemonProcess(channels: """
              - {name: cell-a, potentiostat: bench, cell: Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: \(resting.path)}
            """)
        defer { daemon.stop() }
        try await daemon.waitUntilListening()
        let unix = URL(httpURLWithSocketPath: daemon.socketPath, uri: "/v1/tokens")!.absoluteString
        let token = try #require(try SnakeCaseKeys.decoder.decode(TokenView.self, from: try await APIEndToEndTests.send(
            .POST, unix, body: try APIEndToEndTests.json(TokenRequest(name: "slow", role: .viewer))).body).token)

        let received = Received()
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[.authorization] = "Bearer \(token)"
        configuration.maxFrameSize = 16 << 20  // a thinned page's batch is one large message
        _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(daemon.port)/v1/stream?channel=cell-a&after=0",
                                               configuration: configuration, logger: Logger(label: "test")) { inbound, outbound, _ in
            // A receipt for nothing read: the daemon sends a window of entries, then holds the channel.
            try await outbound.write(.text(#"{"read": {"cell-a": 0}}"#))
            try await Task.sleep(for: .seconds(3))
            // Now read, and say so after every message, until a thinned batch comes (or 20 s pass).
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 16 << 20) {
                        guard case .text(let text) = message,
                              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                        if object["kind"] as? String == "notice" {
                            received.add(notice: object)
                        } else if let last = object["last_seq"] as? Int {
                            if let samples = object["samples"] as? [String: Any] { received.add(omitted: samples["omitted"] as? Int ?? 0) }
                            try await outbound.write(.text(#"{"read": {"cell-a": \#(last)}}"#))
                        }
                        if received.samplesOmitted > 0 { return }
                    }
                }
                group.addTask { try await Task.sleep(for: .seconds(20)) }
                try await group.next()
                group.cancelAll()
            }
        }
        #expect(received.thinningNotices >= 1, "the client was told it is thinned")
        #expect(received.samplesOmitted > 0, "thinned pages leave samples out")
    }
}
