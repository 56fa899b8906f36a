import ArgumentParser
import Instruments

extension InstrumentAddress {
    /// Parses a command-line address, turning a bad one into a usage error.
    static func argument(_ text: String) throws -> InstrumentAddress {
        do {
            return try InstrumentAddress(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
