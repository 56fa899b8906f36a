import Foundation

/// Buffered lines of text to a file or standard output, for exports that can
/// be millions of rows long: rows go out in 64 KiB chunks, and a write that
/// fails (a full disk) throws naming the file instead of losing rows quietly.
public final class TextSink {
    /// The file's path, or `-` for standard output.
    public let path: String
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 16

    /// Creates (truncating) `path`, or writes to standard output when it is nil or `-`.
    public init(path: String?) throws(StorageError) {
        guard let path, path != "-" else {
            self.path = "-"
            handle = FileHandle.standardOutput
            closesHandle = false
            return
        }
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw StorageError(.writeFailed, path: path, detail: "cannot create the export file; check that its directory exists and is writable")
        }
        self.handle = handle
        closesHandle = true
    }

    public func write(_ line: String) throws(StorageError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws(StorageError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw StorageError(.writeFailed, path: path, detail: "writing the export failed (\(error.localizedDescription)); check the free space")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file (standard output stays open).
    public func close() throws(StorageError) {
        try flush()
        if closesHandle { try? handle.close() }
    }
}
