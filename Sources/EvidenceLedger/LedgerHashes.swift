import GRDB

/// A run's record hash, derived from the rows as SQLite holds them: the writer records it and
/// the verifier derives it again the same way.
///
/// - The content hash is the SHA-256 over the `row_hash` of every row the run added, table by
///   table in `LedgerSchema.contentTables` order, rows by id: the writer derives it from the
///   rows it inserts, the verifier in its one pass over the tables.
/// - The record hash is the SHA-256 over the canonical run row (its columns, the content hash
///   and the previous run's record hash among them) followed by the run's `run_rows`, table by
///   table: so the chain covers how many rows of each table the run added, and from which id.
struct LedgerHashes {
  let db: Database

  init(_ db: Database) {
    self.db = db
  }

  /// The record hash of `run`; nil when the ledger has no such run.
  func recordHash(run: Int64) throws -> String? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT \(Self.columns(LedgerSchema.runs)) FROM runs WHERE id = ?",
        arguments: [run])
    else { return nil }
    var hashes = [CanonicalRow.hash(table: "runs", Array(row.databaseValues))]
    let counts = try Row.fetchAll(
      db,
      sql: """
        SELECT run_id, table_name, first_row, row_count FROM run_rows WHERE run_id = ?
        ORDER BY table_name
        """,
      arguments: [run])
    for count in counts {
      hashes.append(CanonicalRow.hash(table: "run_rows", Array(count.databaseValues)))
    }
    return CanonicalRow.hash(ofHashes: hashes)
  }

  /// The quoted, comma-separated hashed columns of `table`.
  static func columns(_ table: LedgerSchema.Table) -> String {
    table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
  }
}
