import Foundation

extension StoredEvent {
    /// Reads event bodies as the Scheduler's JournalObserver writes them,
    /// with non-finite numbers as `"nan"`, `"inf"` and `"-inf"`.
    static let bodyDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()
}
