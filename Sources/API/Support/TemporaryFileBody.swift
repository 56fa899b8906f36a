import Foundation
import Glibc
import Hummingbird

/// A response body that streams a temporary file (an export) and removes it:
/// the file is unlinked as soon as it is open, so nothing is left behind
/// whether the client reads it all or goes away halfway.
enum TemporaryFileBody {
    static func stream(_ path: String) throws -> ResponseBody {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        unlink(path)
        guard descriptor >= 0 else { throw APIError(.internalServerError, "cannot read back the export \(path): \(String(cString: strerror(errno)))") }
        return ResponseBody { writer in
            defer { close(descriptor) }
            while true {
                let chunk = try await blocking { () throws -> [UInt8] in
                    var buffer = [UInt8](repeating: 0, count: 1 << 16)
                    let count = read(descriptor, &buffer, buffer.count)
                    guard count >= 0 else { throw APIError(.internalServerError, "reading the export failed: \(String(cString: strerror(errno)))") }
                    return Array(buffer.prefix(count))
                }
                guard !chunk.isEmpty else { break }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
    }
}
