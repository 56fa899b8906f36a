import API
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// cyclerd's API as a client sees it: requests over the Unix socket or TCP,
/// answers decoded, and the daemon's error messages passed on as they are.
struct DaemonClient: Sendable {
    enum Endpoint: Sendable {
        case unix(String)
        case http(String)
    }

    let endpoint: Endpoint
    let token: String?

    /// A request the daemon refused, or a daemon that could not be reached.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var address: String {
        switch endpoint {
        case .unix(let path): "unix:\(path)"
        case .http(let base): base
        }
    }

    private func request(_ method: HTTPMethod, _ path: String, body: Data? = nil) throws -> HTTPClientRequest {
        let url: String
        switch endpoint {
        case .unix(let socket):
            guard let unixURL = URL(httpURLWithSocketPath: socket, uri: path) else { throw Failure(description: "cannot address \(socket)") }
            url = unixURL.absoluteString
        case .http(let base):
            url = base + path
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// Sends a request and returns the answer's body; a refusal throws the daemon's message.
    func call(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> Data {
        let response = try await execute(try request(method, path, body: body))
        let buffer = try await response.body.collect(upTo: 256 << 20)
        let data = Data(buffer.readableBytesView)
        try check(response.status, data)
        return data
    }

    func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        try Self.decoder.decode(T.self, from: try await call(.GET, path))
    }

    func post<T: Decodable>(_ path: String, _ body: some Encodable, as type: T.Type) async throws -> T {
        try Self.decoder.decode(T.self, from: try await call(.POST, path, body: try SnakeCaseKeys.encoder.encode(body)))
    }

    func delete(_ path: String) async throws {
        _ = try await call(.DELETE, path)
    }

    /// Streams an answer's body to `write` chunk by chunk (an export of any length).
    func download(_ path: String, to write: (ByteBuffer) throws -> Void) async throws {
        let response = try await execute(try request(.GET, path))
        guard response.status == .ok else {
            let buffer = try await response.body.collect(upTo: 1 << 20)
            try check(response.status, Data(buffer.readableBytesView))
            return
        }
        for try await chunk in response.body { try write(chunk) }
    }

    private func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            return try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            throw Failure(description: "cannot reach cyclerd at \(address): \(error). Is the daemon running (make run), and is this its api.socket or tcp address?")
        }
    }

    private func check(_ status: HTTPResponseStatus, _ body: Data) throws {
        guard !(200..<300).contains(status.code) else { return }
        struct ErrorBody: Decodable {
            struct Detail: Decodable { var message: String }
            var error: Detail
        }
        let message = (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error.message ?? String(decoding: body, as: UTF8.self)
        throw Failure(description: "\(status.code) \(status.reasonPhrase): \(message)")
    }

    static let decoder = SnakeCaseKeys.decoder
}
