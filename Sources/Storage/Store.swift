import Foundation
import GRDB

/// The daemon's SQLite file: jobs with their protocol text and checkpoints,
/// every recorded sample, and each channel's event log.
///
/// A `DatabasePool` in WAL mode: one writer (the `StoreWriter`'s batches), many
/// readers (queries, exports, the API) that never block it.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Whether the job table keeps each job's span of samples (`JobSampleSpan`):
    /// always once migrated, and so false only for an older database opened read-only.
    let keepsJobSampleSpans: Bool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Parameter readOnly: opens an existing database for reading only
    ///   (exports, queries from another process): nothing is created and no
    ///   migration runs, so a newer `cyclerctl` never changes the schema under
    ///   a running daemon, and a user who may only read the file can still export.
    /// - Throws: `StorageError` naming the file and what to do.
    public init(path: String, readOnly: Bool = false) throws(StorageError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.readonly = readOnly
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw StorageError(.notFound, path: path, detail: "no such file; pass the daemon's storage.path (data/cyclerd.sqlite in Config/cyclerd.yaml)")
            }
            do {
                pool = try DatabasePool(path: path, configuration: configuration)
                let isStore = try pool.read { db in try db.tableExists("job") && db.tableExists("sample") && db.tableExists("event") }
                guard isStore else { throw StorageError(.cannotOpen, path: path, detail: "it holds no cyclerd tables") }
                keepsJobSampleSpans = try pool.read { db in try db.columns(in: "job").contains { $0.name == "firstSeq" } }
            } catch let error as StorageError {
                throw StorageError(.cannotOpen, path: path, detail: "\(error.detail); check that the file is a cyclerd database")
            } catch {
                throw StorageError(.cannotOpen, path: path, detail: "\(error); check that the file is a cyclerd database, that you may read it, and (SQLite needs it even to read a WAL database) that you may write its folder or its -shm file")
            }
            return
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.cannotOpen, path: path, detail: "cannot create the directory \(directory): \(error.localizedDescription); check storage.path and the daemon's permissions")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in try db.execute(sql: Self.writerPragmas) }
            keepsJobSampleSpans = true
        } catch {
            throw StorageError(.cannotOpen, path: path, detail: "\(error); check that the file is a cyclerd database and that the daemon may write it")
        }
    }

    /// The writer connection's page cache: 32 MB (SQLite's default is 2 MB)
    /// holds a writer round's dirty pages until its commit. With the default,
    /// SQLite spilled dirty pages to the WAL whenever the cache filled, and
    /// the pages every channel appends to went to the WAL again and again
    /// within one round: a round of 16 channels made some 2,000 WAL writes
    /// for its one commit. A round holds about the journals' backlog budget
    /// (some 20 MB of pages); a larger one spills again rather than grow the
    /// cache past 32 MB.
    static let writerPragmas = "PRAGMA cache_size = -32768"

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StorageError(.writeFailed, path: path, detail: "\(error)")
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StorageError(.readFailed, path: path, detail: "\(error)")
        }
    }
}
