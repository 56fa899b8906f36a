@testable import API
import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOHTTP1
import Synchronization
import Testing

/// A stream client that sends read receipts and falls behind is told so and
/// gets thinned pages, through a real daemon; the channel does not wait for it.
@Suite(.serialized)
struct SlowStreamTests {
    /// What the slow client received, and the receipts it owes.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var notices: [[String: Any]] = []
        private var omitted = 0
        private var documents = 0
        /// A receipt goes with every n-th document; 0 sends none.
        private var acknowledgeEvery: Int
        private var owed: [String: Int] = [:]

        init(acknowledgeEvery: Int) { self.acknowledgeEvery = acknowledgeEvery }

        var thinningNotices: Int { lock.withLock { notices.filter { ($0["keep_every"] as? Int ?? 1) > 1 }.count } }
        var samplesOmitted: Int { lock.withLock { omitted } }
        /// Log documents (not notices) so far.
        var documentsTaken: Int { lock.withLock { documents } }
        var channelsThinned: Set<String> {
            lock.withLock { Set(notices.filter { ($0["keep_every"] as? Int ?? 1) > 1 }.compactMap { $0["channel"] as? String }) }
        }

        /// Takes in one message; returns the read receipt to send for it now, if any.
        func take(_ text: String) throws -> String? {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
            return lock.withLock {
                if object["kind"] as? String == "notice" {
                    notices.append(object)
                    return nil
                }
                guard let channel = object["channel"] as? String, let last = object["last_seq"] as? Int else { return nil }
                documents += 1
                if let samples = object["samples"] as? [String: Any] { omitted += samples["omitted"] as? Int ?? 0 }
                owed[channel] = last
                return acknowledgeEvery > 0 && documents % acknowledgeEvery == 0 ? Self.receipt(owed) : nil
            }
        }

        /// From now on each message is acknowledged; returns the receipt for what was read so far.
        func startAcknowledging() -> String {
            lock.withLock {
                acknowledgeEvery = 1
                return Self.receipt(owed)
            }
        }

        /// The `last_seq` of the newest document taken in, per channel.
        var lastSeen: [String: Int] { lock.withLock { owed } }

        private static func receipt(_ read: [String: Int]) -> String {
            #"{"read": {"# + read.map { #""\#($0.key)": \#($0.value)"# }.joined(separator: ", ") + "}}"
        }
    }

    /// Resting channels recorded every 10 s: at 3600x each log grows by about 360 entries a second.
    static func restingDaemon(channels: [String], speed: Int = 3600) throws -> (DaemonProcess, cleanUp: () -> Void) {
        let resting = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-rest-\(UUID().uuidString).yaml")
        try "name: long rest\nrecord: {dt: 10 s, sample: 10 s}\nsteps:\n  - rest: 1000 h\n".write(to: resting, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            channels: channels.enumerated().map { index, name in
                "  - {name: \(name), potentiostat: \(index == 0 ? "bench" : "bench\(index)"), cell: Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: \(resting.path)}"
            }.joined(separator: "\n"),
            speed: speed, instruments: (1..<channels.count).map { "  - {name: bench\($0), address: \"sim:nmc811-lpscl-liin\"}" }.joined(separator: "\n"))
        return (daemon, { daemon.stop(); try? FileManager.default.removeItem(at: resting) })
    }

    static func viewerToken(_ daemon: DaemonProcess) async throws -> String {
        let unix = URL(httpURLWithSocketPath: daemon.socketPath, uri: "/v1/tokens")!.absoluteString
        return try #require(try SnakeCaseKeys.decoder.decode(TokenView.self, from: try await APIEndToEndTests.send(
            .POST, unix, body: try APIEndToEndTests.json(TokenRequest(name: "slow", role: .viewer))).body).token)
    }

    static func configuration(token: String) -> WebSocketClientConfiguration {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[.authorization] = "Bearer \(token)"
        configuration.maxFrameSize = 16 << 20  // a thinned page's batch is one large message
        return configuration
    }

    /// Reads every message, sending the receipts `received` says are due,
    /// until `done` holds or `timeout` passes.
    static func read(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, into received: Received,
                     timeout: Duration, until done: @escaping @Sendable () -> Bool) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 16 << 20) {
                    guard case .text(let text) = message else { continue }
                    if let receipt = try received.take(text) { try await outbound.write(.text(receipt)) }
                    if done() { return }
                }
            }
            group.addTask { try await Task.sleep(for: timeout) }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Opens `/v1/stream?query` on `daemon` as a viewer and hands the socket to `body`.
    static func stream(_ daemon: DaemonProcess, _ query: String,
                       _ body: @escaping @Sendable (WebSocketInboundStream, WebSocketOutboundWriter) async throws -> Void) async throws {
        _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(daemon.port)/v1/stream?\(query)",
                                               configuration: Self.configuration(token: try await Self.viewerToken(daemon)),
                                               logger: Logger(label: "test")) { inbound, outbound, _ in try await body(inbound, outbound) }
    }

    @Test func aClientThatLeavesItsWindowUnreadIsThinnedAndToldSo() async throws {
        let (daemon, cleanUp) = try Self.restingDaemon(channels: ["cell-a"])
        defer { cleanUp() }
        try await daemon.waitUntilListening()
        let received = Received(acknowledgeEvery: 1)
        try await Self.stream(daemon, "channel=cell-a&after=0") { inbound, outbound in
            // A receipt for nothing read: the daemon sends a window of documents, then holds the channel.
            try await outbound.write(.text(#"{"read": {"cell-a": 0}}"#))
            try await Task.sleep(for: .seconds(3))
            // Now read, and say so after every message, until a thinned batch comes (or 20 s pass).
            try await Self.read(inbound, outbound, into: received, timeout: .seconds(20)) { received.samplesOmitted > 0 }
        }
        #expect(received.thinningNotices >= 1, "the client was told it is thinned")
        #expect(received.samplesOmitted > 0, "thinned pages leave samples out")
    }

    /// An all-channel client that promises receipts gets no more than its
    /// window before it has acknowledged anything, on every channel together
    /// (without the promise, channels it had not acknowledged yet would flood
    /// the connection, and a notice would wait behind minutes of reading);
    /// then, acknowledging each message, it is told each channel is thinned.
    @Test func aClientThatPromisesReceiptsHasAtMostItsWindowInFlightAndIsThinnedOnEveryChannel() async throws {
        let channels: Set = ["cell-a", "cell-b", "cell-c"]
        let (daemon, cleanUp) = try Self.restingDaemon(channels: channels.sorted())
        defer { cleanUp() }
        try await daemon.waitUntilListening()
        let received = Received(acknowledgeEvery: 0)
        let inFlight = Mutex(0)
        try await Self.stream(daemon, "receipts=true") { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await Self.read(inbound, outbound, into: received, timeout: .seconds(40)) {
                        received.channelsThinned == channels && received.samplesOmitted > 0
                    }
                }
                // Three seconds of reading without a receipt: the window, and no more, has come.
                try await Task.sleep(for: .seconds(3))
                inFlight.withLock { $0 = received.documentsTaken }
                try await outbound.write(.text(received.startAcknowledging()))
                try await group.next()
                group.cancelAll()
            }
        }
        let sentBeforeAnyReceipt = inFlight.withLock { $0 }
        #expect(sentBeforeAnyReceipt > 0, "the stream started")
        #expect(sentBeforeAnyReceipt <= StreamSession.window, "no more than the window's documents before the client acknowledged anything")
        #expect(received.channelsThinned == channels, "every channel's thinning was told")
        #expect(received.samplesOmitted > 0)
    }

    /// A client that acknowledges every 90 messages keeps up with every
    /// channel and is not thinned: the window counts messages, as such a
    /// client does (counted in log entries, a window of batched samples held
    /// fewer messages than the client waited for, and the stream stalled).
    @Test func aClientThatAcknowledgesEveryNinetyMessagesKeepsUpWithEveryChannel() async throws {
        let channels = ["cell-a", "cell-b", "cell-c"]
        // At 360x each channel logs 36 samples and 6 estimates a second.
        let (daemon, cleanUp) = try Self.restingDaemon(channels: channels, speed: 360)
        defer { cleanUp() }
        try await daemon.waitUntilListening()
        let received = Received(acknowledgeEvery: 90)
        try await Self.stream(daemon, "receipts=true") { inbound, outbound in
            try await Self.read(inbound, outbound, into: received, timeout: .seconds(8)) { false }
        }
        let unix = URL(httpURLWithSocketPath: daemon.socketPath, uri: "/v1/channels")!.absoluteString
        let views = try SnakeCaseKeys.decoder.decode([ChannelView].self, from: try await APIEndToEndTests.send(.GET, unix).body)
        for view in views {
            let lag = Int(view.lastSeq) - (received.lastSeen[view.name] ?? 0)
            #expect(lag <= StreamSession.window, "\(view.name): \(lag) entries behind after 8 s")
        }
        #expect(received.documentsTaken > 2 * 90, "past several acknowledgements")
        #expect(received.thinningNotices == 0)
    }
}
