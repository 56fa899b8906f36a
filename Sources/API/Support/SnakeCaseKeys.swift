import Foundation

/// JSON keys in snake_case, keeping a unit suffix as written: `lastSeq` is
/// sent as `last_seq`, `unixTime_s` as `unix_time_s`, and `voltage_V` and
/// `temperature_degC` stay as they are (the project's one sample schema
/// names columns with their units). Clients decode with the inverse.
public enum SnakeCaseKeys {
    /// The unit suffixes field names end with.
    static let units: Set<String> = ["s", "V", "A", "C", "Pa", "degC", "Hz", "ohm", "mAh", "percent", "g", "mAhPerG", "ohmCm2"]

    static func encoded(_ key: String) -> String {
        guard let underscore = key.firstIndex(of: "_") else { return snake(key) }
        return snake(String(key[..<underscore])) + key[underscore...]
    }

    static func decoded(_ key: String) -> String {
        var words = key.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        let unit = words.count > 1 && units.contains(words[words.count - 1]) ? words.removeLast() : nil
        let camel = words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        return unit.map { "\(camel)_\($0)" } ?? camel
    }

    private static func snake(_ word: String) -> String {
        var result = ""
        for character in word {
            if character.isUppercase {
                if !result.isEmpty { result.append("_") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) {
            self.stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }

    /// The API's JSON encoder: these keys, sorted, NaN as "NaN".
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .custom { path in
            let key = path[path.count - 1]
            return key.intValue == nil ? Key(stringValue: encoded(key.stringValue)) : key
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// The decoder for what `encoder` wrote (requests, and clients reading answers).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path[path.count - 1]
            return key.intValue == nil ? Key(stringValue: decoded(key.stringValue)) : key
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}
