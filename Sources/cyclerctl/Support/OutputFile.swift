import Foundation

/// Buffered text output to a file or standard output.
///
/// Rows are written in 64 KiB chunks: a long simulated run writes millions of
/// rows and one write(2) per row would dominate its run time.
final class OutputFile {
    private let handle: FileHandle
    /// Exclusive access is not checked at run time (a check per row cost
    /// 1 % of `sim cycle`): only this class's methods touch the buffer,
    /// none of them re-entrantly, and the class is used by one task.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    private static let chunk = 1 << 16

    /// Opens `path` for writing (truncating), or standard output for nil or `-`.
    init(path: String?) throws {
        if let path, path != "-" {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } else {
            handle = FileHandle.standardOutput
        }
        buffer.reserveCapacity(Self.chunk + 256)
    }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunk { flush() }
    }

    /// Writes numbers as one CSV row, each with its column's fixed number of
    /// decimals (trailing zeros dropped): the hot path of long simulated
    /// runs, where shortest-round-trip formatting would cost more than the simulation.
    func writeRow<let count: Int>(_ values: InlineArray<count, Double>, as layout: FixedPointRow<count>) {
        layout.append(values, to: &buffer)
        if buffer.count >= Self.chunk { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
