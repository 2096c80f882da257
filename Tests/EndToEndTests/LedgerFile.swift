import Foundation
import GRDB
import Testing

/// A ledger file as the tests look at it from outside: its row counts, and edits made behind
/// the tool's back.
struct LedgerFile {
  let path: String

  /// The tables whose counts a run may change.
  static let tables = [
    "runs", "run_rows", "inputs", "events", "sessions", "session_members", "findings",
    "finding_evidence",
  ]

  /// Rows per table.
  func rowCounts() throws -> [String: Int] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      var counts: [String: Int] = [:]
      for table in Self.tables {
        counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
      }
      return counts
    }
  }

  /// Runs `sql` on the file with foreign keys off, as the `sqlite3` shell would.
  func tamper(_ sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.execute(sql: sql)
    }
    try queue.close()
  }

  /// One integer that `sql` selects.
  func integer(_ sql: String) throws -> Int? {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in try Int.fetchOne(db, sql: sql) }
  }

  /// `ledger verify` on the file.
  func verify() throws -> CommandRunner.Result {
    try CommandRunner.run(["ledger", "verify", path])
  }
}
