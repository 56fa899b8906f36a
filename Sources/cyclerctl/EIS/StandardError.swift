import Foundation

/// Writes a line to standard error, where diagnostics belong so that
/// `--json` output on standard output stays machine-readable.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
