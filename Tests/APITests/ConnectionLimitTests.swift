import Foundation
import Glibc
import Testing

/// `api.max_connections` through a real daemon: connections beyond the cap
/// are answered 503 with a message naming the setting, and a closed
/// connection gives its place back.
@Suite(.serialized)
struct ConnectionLimitTests {
    /// One keep-alive HTTP/1.1 connection on a plain socket, so the test decides when it closes.
    final class KeptConnection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            try #require(connected == 0)
        }

        /// Sends a GET and reads the whole answer (headers and a Content-Length body).
        func get(_ path: String) throws -> (status: Int, body: String) {
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), 0) }
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let text = String(decoding: received, as: UTF8.self)
                if let end = text.range(of: "\r\n\r\n") {
                    let head = text[..<end.lowerBound]
                    let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                    let body = text[end.upperBound...]
                    if body.utf8.count >= length {
                        let status = Int(head.split(separator: " ")[1]) ?? 0
                        return (status, String(body))
                    }
                }
                let count = recv(fd, &buffer, buffer.count, 0)
                try #require(count > 0, "the connection closed or timed out before a whole answer")
                received.append(contentsOf: buffer[..<count])
            }
        }

        func close() { Glibc.close(fd) }
    }

    @Test func connectionsBeyondTheCapAreRefusedAndAClosedOneGivesItsPlaceBack() async throws {
        let daemon = try DaemonProcess(channels: "  - {name: cell-a, potentiostat: bench, cell: Config/cells/nmc811-lpscl-liin-sim.yaml}",
                                       api: "max_connections: 2")
        defer { daemon.stop() }
        try await daemon.waitUntilListening()

        let first = try KeptConnection(port: daemon.port)
        let second = try KeptConnection(port: daemon.port)
        #expect(try first.get("/v1/health").status == 200)
        #expect(try second.get("/v1/health").status == 200)

        let third = try KeptConnection(port: daemon.port)
        let refused = try third.get("/v1/health")
        #expect(refused.status == 503)
        #expect(refused.body.contains("api.max_connections = 2"))
        third.close()
        // The first two are still served on their kept connections.
        #expect(try first.get("/v1/health").status == 200)

        first.close()
        // The place is given back when the daemon sees the close.
        var status = 0
        for _ in 0..<50 where status != 200 {
            try await Task.sleep(for: .milliseconds(100))
            let fourth = try KeptConnection(port: daemon.port)
            status = try fourth.get("/v1/health").status
            fourth.close()
        }
        #expect(status == 200)
        second.close()
    }
}
