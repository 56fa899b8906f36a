import Foundation
import GRDB
import Testing
@testable import Storage

/// Exports open the daemon's file read-only: they see what it stored, and
/// never create a file or run a migration.
@Suite struct ReadOnlyStoreTests {
    @Test func aReadOnlyStoreReadsWhatTheWriterStoredAndCannotWrite() throws {
        let job = try RecordedJob.make()
        let reader = try Store(path: job.store.path, readOnly: true)
        #expect(try reader.samples(job: job.id).count == 160)
        #expect(try reader.job(id: job.id)?.name == "short GCPL")
        #expect(throws: StorageError.self) {
            try reader.setState(job: job.id, .failed, at: 0)
        }
        #expect(try job.store.job(id: job.id)?.state == .completed)
    }

    @Test func aMissingFileIsNotCreated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-missing-\(UUID().uuidString).sqlite").path
        #expect {
            _ = try Store(path: path, readOnly: true)
        } throws: { error in
            (error as? StorageError)?.code == .notFound && "\(error)".contains(path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anSQLiteFileWithoutTheStoresTablesIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-other-\(UUID().uuidString).sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try other.close()
        #expect {
            _ = try Store(path: path, readOnly: true)
        } throws: { error in
            "\(error)".contains("no cyclerd tables") && "\(error)".contains(path)
        }
    }
}
