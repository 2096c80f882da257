import Crypto
import Foundation
import GRDB

/// The audit snapshots of a ledger, inside a run's transaction: finds the one a run may report
/// and checks its bytes against the hash its row recorded.
struct SnapshotStore {
  let db: Database

  init(_ db: Database) {
    self.db = db
  }

  /// The evidence a snapshot rests on: the ledger's last `events` and `inputs` rows. Rows are
  /// only ever added, so two states with the same last rows hold the same evidence.
  struct State: Equatable {
    var eventsUpTo: Int64
    var inputsUpTo: Int64

    /// The snapshot key of this state with `basis`.
    func key(_ basis: String) -> String {
      CanonicalRow.hash(
        table: LedgerSchema.auditSnapshots.name,
        [basis.databaseValue, eventsUpTo.databaseValue, inputsUpTo.databaseValue])
    }
  }

  /// What the ledger holds for a key and a report time.
  enum Lookup: Equatable {
    /// No usable snapshot: none was made for this evidence and configuration, or only at a
    /// later report time, or its bytes are gone.
    case none
    /// The bytes of the snapshot `run` recorded, checked against its row.
    case found(run: Int64, bytes: [UInt8])
    /// The bytes of the snapshot `run` recorded are not those its row's hash names.
    case changed(run: Int64, row: Int64)
  }

  /// The ledger's evidence now.
  func state() throws -> State {
    State(
      eventsUpTo: try Int64.fetchOne(db, sql: "SELECT max(id) FROM events") ?? 0,
      inputsUpTo: try Int64.fetchOne(db, sql: "SELECT max(id) FROM inputs") ?? 0)
  }

  /// The latest snapshot of `key` made at or before `reportTime` whose bytes are kept.
  func lookup(_ key: String, reportTime: Int64) throws -> Lookup {
    guard try db.tableExists(LedgerSchema.auditSnapshots.name),
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT s.id, s.run_id, s.size, s.sha256, d.data FROM audit_snapshots s
          JOIN audit_snapshot_data d ON d.snapshot_row = s.id
          WHERE s.key = ? AND s.report_time <= ? ORDER BY s.id DESC LIMIT 1
          """,
        arguments: [key, reportTime])
    else { return .none }
    let run: Int64 = row["run_id"]
    let bytes = [UInt8](row["data"] as Data? ?? Data())
    let size: Int64 = row["size"]
    let recorded: String = row["sha256"]
    guard Int64(bytes.count) == size, Self.sha256(bytes) == recorded else {
      return .changed(run: run, row: row["id"])
    }
    return .found(run: run, bytes: bytes)
  }

  /// Keeps the bytes of snapshot `row` and no other's: a later run needs the latest alone.
  func keep(_ bytes: [UInt8], for row: Int64) throws {
    try db.execute(sql: "DELETE FROM audit_snapshot_data")
    try db.execute(
      sql: "INSERT INTO audit_snapshot_data (snapshot_row, data) VALUES (?, ?)",
      arguments: [row, Data(bytes)])
  }

  /// The bytes of every kept snapshot that do not match its row: the verifier's check.
  func changedData() throws -> [(row: Int64, run: Int64?)] {
    guard try db.tableExists("audit_snapshot_data") else { return [] }
    var changed: [(row: Int64, run: Int64?)] = []
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT d.snapshot_row, d.data, s.run_id, s.size, s.sha256 FROM audit_snapshot_data d
        LEFT JOIN audit_snapshots s ON s.id = d.snapshot_row ORDER BY d.snapshot_row
        """)
    while let row = try rows.next() {
      let bytes = [UInt8](row["data"] as Data? ?? Data())
      let size: Int64? = row["size"]
      let recorded: String? = row["sha256"]
      if size != Int64(bytes.count) || recorded != Self.sha256(bytes) {
        changed.append((row["snapshot_row"], row["run_id"]))
      }
    }
    return changed
  }

  static func sha256(_ bytes: [UInt8]) -> String {
    CanonicalRow.hex(SHA256.hash(data: bytes))
  }
}
