import Foundation

/// Writes a line to standard output at once, unbuffered: the first line a
/// simulator prints is its address, and the process that started it is
/// waiting to read it through a pipe.
func printLineNow(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
