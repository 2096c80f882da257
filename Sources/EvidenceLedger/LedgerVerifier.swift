import Crypto
import GRDB

/// `ledger verify`: derives every hash of a ledger again and names each row that no longer
/// matches what its run recorded (SPEC §11 "Tamper-evident").
///
/// The checks, each problem one line: every row's `row_hash` against its columns; every run's
/// rows against the ids and counts its `run_rows` recorded (a removed row is named by its id,
/// an added one too); every run's content hash against its rows; every run's record hash
/// against its row, and its previous hash against the record hash of the run before (the first
/// run's is all zeros); run ids without a gap; the kept bytes of the latest audit snapshot
/// against the hash its row recorded. A ledger whose last run was removed whole
/// still verifies: keep `lastRecordHash` somewhere else to detect that too.
public enum LedgerVerifier {
  /// What a verification found.
  public struct Report: Sendable, Equatable {
    /// One line per problem; empty when the ledger is intact.
    public var problems: [String]
    /// The runs the ledger holds.
    public var runs: Int
    /// The record hash of the last run, the whole ledger's fingerprint.
    public var lastRecordHash: String?
    /// The rows of every content table.
    public var rows: Int

    /// True when no problem was found: exit status 0.
    public var isIntact: Bool { problems.isEmpty }
  }

  /// Verifies the ledger at `path`; `notALedger` when it cannot be read as one.
  public static func verify(path: String) throws(LedgerError) -> Report {
    let ledger = try Ledger.open(path: path)
    do {
      return try ledger.read { db in try verify(db) }
    } catch let error as LedgerError {
      throw error
    } catch {
      throw .notALedger("\(path) cannot be read as a ledger: \(Ledger.describe(error))")
    }
  }

  static func verify(_ db: Database) throws -> Report {
    var problems: [String] = []
    var rowsByRun: [String: [Int64: [Int64]]] = [:]
    var problemRuns: Set<Int64> = []
    var total = 0
    var orphans: [String: Int] = [:]
    // Each run's content hash, derived in the one pass over the tables: the pass meets a run's
    // rows table by table and, within a table, by id, the order the content hash covers them.
    var contents: [Int64: SHA256] = [:]
    let runIDs = try Int64.fetchAll(db, sql: "SELECT id FROM runs ORDER BY id")
    let known = Set(runIDs)
    let tables = try LedgerSchema.contentTables(in: db)
    for table in tables {
      let rows = try Row.fetchCursor(
        db,
        sql: "SELECT \(LedgerHashes.columns(table)), row_hash FROM \(table.name) ORDER BY id")
      while let row = try rows.next() {
        total += 1
        let values = Array(row.databaseValues)
        let id: Int64 = row["id"]
        let run: Int64 = row["run_id"]
        rowsByRun[table.name, default: [:]][run, default: []].append(id)
        let stored: String? = row["row_hash"]
        contents[run, default: SHA256()].update(data: Array((stored ?? "").utf8))
        if CanonicalRow.hash(table: table.name, Array(values.dropLast())) != stored {
          problems.append(
            "changed: \(table.name) row \(id) (run \(run)): its columns do not match its row hash")
          problemRuns.insert(run)
        }
        if !known.contains(run) { orphans["\(table.name) of run \(run)", default: 0] += 1 }
      }
    }
    // The kept bytes of the latest audit snapshot are not hashed themselves: their row's hash
    // of them is.
    for data in try SnapshotStore(db).changedData() {
      if let run = data.run {
        problems.append(
          "changed: audit_snapshot_data row \(data.row) (run \(run)): its bytes do not match "
            + "the hash audit_snapshots row \(data.row) recorded")
      } else {
        problems.append(
          "added: audit_snapshot_data row \(data.row) is the snapshot of no audit_snapshots row")
      }
    }
    for (rows, count) in orphans.sorted(by: { $0.key < $1.key }) {
      problems.append("removed: the run of \(count) rows of \(rows)")
    }
    let hashes = LedgerHashes(db)
    var previous = LedgerSchema.genesisHash
    var expectedID: Int64 = 1
    for run in runIDs {
      if run != expectedID {
        let missing = expectedID == run - 1 ? "\(expectedID)" : "\(expectedID) to \(run - 1)"
        problems.append("removed: runs row \(missing) (before run \(run))")
      }
      expectedID = run + 1
      let row = try Row.fetchOne(
        db, sql: "SELECT previous_hash, content_hash, record_hash FROM runs WHERE id = ?",
        arguments: [run])
      let storedPrevious: String = row?["previous_hash"] ?? ""
      let storedContent: String = row?["content_hash"] ?? ""
      let storedRecord: String = row?["record_hash"] ?? ""
      if storedPrevious != previous {
        problems.append(
          "changed: runs row \(run): its previous hash is not the record hash of the run before")
      }
      if try hashes.recordHash(run: run) != storedRecord {
        problems.append(
          "changed: runs row \(run): its columns or run_rows do not match its record hash")
      }
      previous = storedRecord
      problems += try checkRows(
        db, run: run, tables: tables, rowsByRun: rowsByRun, problemRuns: &problemRuns)
      let content = CanonicalRow.hex((contents[run] ?? SHA256()).finalize())
      if !problemRuns.contains(run), content != storedContent {
        problems.append("changed: run \(run)'s rows do not match its content hash")
      }
    }
    return Report(
      problems: problems, runs: runIDs.count, lastRecordHash: runIDs.isEmpty ? nil : previous,
      rows: total)
  }

  /// The rows of `run` in each table against its `run_rows`: ids `first_row` onwards, `row_count`
  /// of them.
  private static func checkRows(
    _ db: Database, run: Int64, tables: [LedgerSchema.Table], rowsByRun: [String: [Int64: [Int64]]],
    problemRuns: inout Set<Int64>
  ) throws -> [String] {
    var problems: [String] = []
    for table in tables {
      let present = rowsByRun[table.name]?[run] ?? []
      guard
        let recorded = try Row.fetchOne(
          db, sql: "SELECT first_row, row_count FROM run_rows WHERE run_id = ? AND table_name = ?",
          arguments: [run, table.name])
      else {
        // A run of an older version knew no such table; its record hash covers its run_rows,
        // so a row removed from a later run's would show there.
        if table.since > 1 && present.isEmpty { continue }
        problems.append("removed: run_rows row of run \(run) for \(table.name)")
        problemRuns.insert(run)
        continue
      }
      let count: Int64 = recorded["row_count"]
      let first: Int64 = recorded["first_row"] ?? 0
      let expected = count > 0 ? Set(first..<(first + count)) : []
      let found = Set(present)
      for id in expected.subtracting(found).sorted() {
        problems.append("removed: \(table.name) row \(id) (run \(run))")
      }
      for id in found.subtracting(expected).sorted() {
        problems.append(
          "added: \(table.name) row \(id) (run \(run)) is not among the rows run \(run) recorded")
      }
      if expected != found { problemRuns.insert(run) }
    }
    return problems
  }
}
