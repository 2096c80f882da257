import GRDB
import TestSupport
import Testing

@testable import EvidenceLedger

@Suite struct LedgerSchemaTests {
  @Test func aNewLedgerHasEveryMigrationAndWAL() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    try ledger.read { db in
      #expect(try LedgerSchema.migrator.completedMigrations(db) == ["v1", "v2", "v3"])
      #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
      let tables = Set(
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
      let expected = Set(
        ([LedgerSchema.runs] + LedgerSchema.contentTables).map(\.name) + ["run_rows"])
      #expect(expected.isSubset(of: tables))
    }
  }

  @Test func everyHashedColumnIsATableColumnAndOnlyRowHashIsLeftOut() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    try ledger.read { db in
      for table in LedgerSchema.contentTables {
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.name))").map {
          $0["name"] as String
        }
        #expect(columns == table.columns + ["row_hash"], "\(table.name)")
      }
      let runs = try Row.fetchAll(db, sql: "PRAGMA table_info(runs)").map { $0["name"] as String }
      #expect(runs == LedgerSchema.runs.columns + ["record_hash"])
    }
  }

  @Test func openingAgainMigratesNothingAndKeepsTheRows() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/ledger.sqlite"
    _ = try Ledger.create(path: path).record(LedgerFixture.run())
    let again = try Ledger.create(path: path)
    #expect(try again.rowCounts()["runs"] == 1)
    #expect(try LedgerVerifier.verify(path: path).isIntact)
  }

  @Test func aDatabaseWithAMigrationOfALaterVersionIsNotALedgerOfThisOne() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/ledger.sqlite"
    _ = try Ledger.create(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
    #expect(throws: LedgerError.self) { try Ledger.open(path: path) }
    #expect(throws: LedgerError.self) { try Ledger.create(path: path) }
  }

  @Test func anSQLiteDatabaseOfOtherTablesIsNotALedger() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/other.sqlite"
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
    #expect(throws: LedgerError.self) { try Ledger.open(path: path) }
    #expect(throws: LedgerError.self) { try Ledger.create(path: path) }
  }

  @Test func aTextFileIsNotALedger() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("notes.txt", text: "not a database, a few words of text\n")
    #expect(throws: LedgerError.self) { try Ledger.open(path: path) }
    #expect(throws: LedgerError.self) { try LedgerVerifier.verify(path: path) }
  }

  @Test func strictTablesRefuseAValueOfTheWrongType() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/ledger.sqlite"
    _ = try Ledger.create(path: path)
    let queue = try DatabaseQueue(path: path)
    #expect(throws: DatabaseError.self) {
      try queue.write { db in
        try db.execute(sql: "INSERT INTO runs VALUES (1, 'v', 'soon', 0, 0, '{}', '', '', '')")
      }
    }
  }
}
