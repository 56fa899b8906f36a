import ArgumentParser
import Electrochemistry
import Foundation

/// A problem with an input file, located as `file:line:column` the way
/// compilers report, so editors can jump to it.
struct AnalysisFileError: Error, CustomStringConvertible {
    var path: String
    /// 1-based; nil when the whole file is to blame.
    var line: Int?
    var column: Int?
    var message: String

    var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if line != nil, let column { location += ":\(column)" }
        return "\(location): error: \(message)"
    }
}

/// Runs an analysis command's body; a file or analysis error goes to stderr
/// with exit status 2 (option errors stay with ArgumentParser's usage message).
func exitingOnFileErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as AnalysisFileError {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}
