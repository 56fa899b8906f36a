import Crypto
import Foundation

/// A token's secret and its stored form. Secrets are 256 random bits, so a
/// plain SHA-256 is the right hash (a slow password hash guards guessable
/// secrets; these are not), and checking one costs microseconds per request.
public enum TokenSecret {
    /// A new secret: `cyd_` and 43 base64url characters.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "cyd_" + text
    }

    /// The hex SHA-256 stored in place of `secret`.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
