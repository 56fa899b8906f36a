import CPosixShims

/// How the daemon asks glibc's allocator to keep its resident memory flat
/// over months.
///
/// A channel's journal and a cycle's samples are arrays of a few hundred
/// kilobytes to a few megabytes, made on one thread and freed on another.
/// By default glibc raises its mmap threshold to the largest block freed, so
/// after the first such array every later one is carved from a heap arena,
/// and the arenas (one per thread that allocates, up to eight per core)
/// fragment: a 16-channel run grew by half over 30 simulated days with
/// nothing leaking. A fixed threshold gives large arrays their own mappings,
/// returned to the system when freed, and two arenas keep the rest compact.
enum MemoryPolicy {
    /// Blocks this large or larger are mapped on their own (bytes).
    static let mmapThreshold: Int32 = 128 * 1024
    static let arenas: Int32 = 2

    static func apply() {
        _ = cyclerd_set_malloc_policy(mmapThreshold, arenas)
    }
}
