import Hummingbird

extension Request {
    /// An optional query parameter: absent is nil, present but not a `T` is a 400 naming it.
    func query<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws(APIError) -> T? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let value = T(String(text)) else {
            throw APIError.badRequest("query parameter \(name)=\(text) is not a valid \(T.self)")
        }
        return value
    }

    /// `query` bounded to `range`.
    func query(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = try query(name, as: Int.self) else { return nil }
        guard range.contains(value) else {
            throw APIError.badRequest("query parameter \(name)=\(value) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// A finite number (a time bound).
    func finiteQuery(_ name: String) throws(APIError) -> Double? {
        guard let value = try query(name, as: Double.self) else { return nil }
        guard value.isFinite else { throw APIError.badRequest("query parameter \(name) must be a finite number of seconds") }
        return value
    }
}
