#if canImport(Glibc)
import Glibc
#endif

/// Resolves a host name or numeric address to the socket addresses `connect(2)` can try.
enum SocketAddressResolver {
    /// One candidate address: its family and the raw `sockaddr` bytes.
    struct Candidate {
        var family: Int32
        var storage: sockaddr_storage
        var length: socklen_t
    }

    static func resolve(host: String, port: Int, address: String) throws(TransportError) -> [Candidate] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw TransportError(.unavailable, address: address,
                                 detail: "cannot resolve host \"\(host)\": \(reason); give a numeric address such as 127.0.0.1")
        }
        defer { freeaddrinfo(list) }
        var candidates: [Candidate] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let raw = info.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = info.pointee.ai_addrlen
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(length)))
                }
                candidates.append(Candidate(family: info.pointee.ai_family, storage: storage, length: length))
            }
            cursor = info.pointee.ai_next
        }
        return candidates
    }
}
