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
    "finding_evidence", "input_ranges", "audit_snapshots",
  ]

  /// Rows per table (a table the file does not have yet counts none).
  func rowCounts() throws -> [String: Int] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      var counts: [String: Int] = [:]
      for table in Self.tables where try db.tableExists(table) {
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

  /// The texts of the first column `sql` selects.
  func texts(_ sql: String) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in try String.fetchAll(db, sql: sql) }
  }

  /// `ledger verify` on the file.
  func verify() throws -> CommandRunner.Result {
    try CommandRunner.run(["ledger", "verify", path])
  }

  /// `audit FOLDER --ledger FILE --format json --tz UTC --report-time TIME`, with `extra`
  /// arguments.
  func audit(_ folder: String, at time: String, _ extra: [String] = []) throws
    -> CommandRunner.Result
  {
    try CommandRunner.run(
      ["audit", folder, "--ledger", path, "--format", "json", "--tz", "UTC", "--report-time", time]
        + extra)
  }

  /// Appends `text` to the file at `path`, as a log grows: same file, same inode.
  static func append(_ text: String, to path: String) throws {
    try append(bytes: Array(text.utf8), to: path)
  }

  /// Appends `bytes`, which may end anywhere: in a line, in a UTF-8 sequence.
  static func append(bytes: some Sequence<UInt8>, to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
    try handle.close()
  }
}
