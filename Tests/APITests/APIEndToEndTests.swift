import API
import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// The API end to end, through a real daemon on the simulated bench: tokens
/// and roles on TCP, the Unix socket without one, a job submitted by an
/// operator, and its log followed over a WebSocket that is cut mid-stream
/// and resumed from its last seq with nothing missing and nothing twice.
@Suite(.serialized)
struct APIEndToEndTests {
    struct Answer {
        var status: Int
        var body: Data
    }

    static func send(_ method: HTTPMethod, _ url: String, token: String? = nil, body: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), body: Data(buffer.readableBytesView))
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try SnakeCaseKeys.encoder.encode(value), as: UTF8.self)
    }

    /// Reads `channel`'s stream from `after` until a document reaches `until`, then drops the connection.
    static func follow(port: Int, token: String, channel: String, after: Int64, until: Int64) async throws -> [LogDocument] {
        let documents = DocumentList()
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[.authorization] = "Bearer \(token)"
        _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/v1/stream?channel=\(channel)&after=\(after)",
                                               configuration: configuration, logger: Logger(label: "test")) { inbound, _, _ in
            for try await message in inbound.messages(maxSize: 16 << 20) {
                guard case .text(let text) = message else { continue }
                // A notice about the stream itself has no seq.
                guard let document = try? SnakeCaseKeys.decoder.decode(LogDocument.self, from: Data(text.utf8)) else { continue }
                documents.append(document)
                // Cut off mid-stream, as a client that crashes would be.
                if document.lastSeq >= until { throw CancellationError() }
            }
        }
        return documents.all
    }

    /// Every entry's seq in `documents`, in the order they arrived.
    static func entries(_ documents: [LogDocument]) -> [Int64] {
        documents.flatMap { $0.samples?.seq ?? [$0.seq] }
    }

    @Test func tokensRolesStreamResumeAndTheUnixSocket() async throws {
        let daemon = try DaemonProcess(channels: "  - {name: cell-a, potentiostat: bench, cell: Config/cells/nmc811-lpscl-liin-sim.yaml}")
        defer { daemon.stop() }
        try await daemon.waitUntilListening()
        let unix = { (path: String) in URL(httpURLWithSocketPath: daemon.socketPath, uri: path)!.absoluteString }
        let tcp = { (path: String) in "http://127.0.0.1:\(daemon.port)\(path)" }

        // The Unix socket needs no token: it makes the tokens.
        let channels = try await Self.send(.GET, unix("/v1/channels"))
        #expect(channels.status == 200)
        let operatorToken = try SnakeCaseKeys.decoder.decode(TokenView.self, from: try await Self.send(
            .POST, unix("/v1/tokens"), body: try Self.json(TokenRequest(name: "operator-1", role: .operator))).body)
        let viewerToken = try SnakeCaseKeys.decoder.decode(TokenView.self, from: try await Self.send(
            .POST, unix("/v1/tokens"), body: try Self.json(TokenRequest(name: "viewer-1", role: .viewer))).body)
        let op = try #require(operatorToken.token)
        let viewer = try #require(viewerToken.token)

        // TCP: no token is 401, an unknown one 401, a viewer may read but not control (403).
        #expect(try await Self.send(.GET, tcp("/v1/channels")).status == 401)
        #expect(try await Self.send(.GET, tcp("/v1/channels"), token: "cyd_not-a-token").status == 401)
        #expect(try await Self.send(.GET, tcp("/v1/channels"), token: viewer).status == 200)
        let protocolText = try String(contentsOf: DaemonProcess.repository.appendingPathComponent("Protocols/gcpl.yaml"), encoding: .utf8)
        let submission = try Self.json(JobRequest(protocol: protocolText, protocolFile: "Protocols/gcpl.yaml", cell: nil, cellFile: nil))
        #expect(try await Self.send(.POST, tcp("/v1/channels/cell-a/jobs"), token: viewer, body: submission).status == 403)
        #expect(try await Self.send(.POST, tcp("/v1/channels/cell-a/pause"), token: viewer).status == 403)
        #expect(try await Self.send(.POST, tcp("/v1/tokens"), token: op, body: try Self.json(TokenRequest(name: "x", role: .admin))).status == 403)
        // The configuration is an admin's: an operator is refused; the socket (local, so admin) reads it.
        #expect(try await Self.send(.GET, tcp("/v1/config"), token: op).status == 403)
        let configuration = try SnakeCaseKeys.decoder.decode(ConfigView.self, from: try await Self.send(.GET, unix("/v1/config")).body)
        #expect(configuration.channels.map(\.name) == ["cell-a"])
        #expect(configuration.channels.first?.pauseOn == ["hard-short"])
        #expect(configuration.instruments.map(\.address) == ["sim:nmc811-lpscl-liin"])
        #expect(configuration.api?.tcp == "127.0.0.1:\(daemon.port)")

        // An operator submits a job over TCP.
        let submitted = try await Self.send(.POST, tcp("/v1/channels/cell-a/jobs"), token: op, body: submission)
        #expect(submitted.status == 201)
        let job = try SnakeCaseKeys.decoder.decode(JobView.self, from: submitted.body)
        #expect(job.channel == "cell-a")

        // Follow it, cut the stream mid-way, and pick up from the last seq seen.
        let first = try await Self.follow(port: daemon.port, token: viewer, channel: "cell-a", after: 0, until: 60)
        let last = try #require(first.last?.lastSeq)
        try await Task.sleep(for: .seconds(2))
        let second = try await Self.follow(port: daemon.port, token: viewer, channel: "cell-a", after: last, until: last + 80)
        let streamed = Self.entries(first) + Self.entries(second)
        #expect(Set(streamed).count == streamed.count, "an entry arrived twice")
        let end = try #require(second.last?.lastSeq)
        #expect(streamed == Array(1...end), "the stream skipped entries")

        // What was streamed is what the store holds.
        let stored = try SnakeCaseKeys.decoder.decode([LogDocument].self, from: try await Self.send(
            .GET, tcp("/v1/channels/cell-a/log?after=0&limit=\(end)"), token: viewer).body)
        #expect(Self.entries(stored) == Array(1...end))
        #expect(stored.contains { $0.kind == "jobStarted" && $0.job == job.id })

        // The operator pauses and resumes the job; the log records who asked.
        #expect(try await Self.send(.POST, tcp("/v1/channels/cell-a/pause"), token: op, body: #"{"reason": "checking the cell"}"#).status == 200)
        var paused = false
        for _ in 0..<100 where !paused {
            try await Task.sleep(for: .milliseconds(100))
            let state = try SnakeCaseKeys.decoder.decode(JobView.self, from: try await Self.send(.GET, tcp("/v1/jobs/\(job.id)"), token: viewer).body)
            paused = state.state == "paused"
        }
        #expect(paused)
        #expect(try await Self.send(.POST, tcp("/v1/jobs/\(job.id)/resume"), token: op).status == 200)
        #expect(try await Self.send(.POST, tcp("/v1/jobs/\(job.id)/resume"), token: op).status == 409)
    }
}

/// Documents a WebSocket handler collects (the handler runs on another task).
final class DocumentList: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [LogDocument] = []

    func append(_ document: LogDocument) {
        lock.lock()
        documents.append(document)
        lock.unlock()
    }

    var all: [LogDocument] {
        lock.lock()
        defer { lock.unlock() }
        return documents
    }
}
