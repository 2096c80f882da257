import GRDB

/// The ledger's tables, their hashed columns, and the migrations that create them (SPEC §11).
///
/// Every table but `run_rows` carries `row_hash`, the SHA-256 of its other columns in the
/// order `columns` gives (`CanonicalRow`); `verify` re-derives them in that same order. A later
/// version adds tables rather than columns, so that every row of an older version keeps the
/// hash it was recorded with.
public enum LedgerSchema {
  /// A table whose rows a run inserts and hashes.
  public struct Table: Sendable, Equatable {
    /// The SQL name of the table.
    public var name: String
    /// The hashed columns, `id` and `run_id` first; `row_hash` is not among them.
    public var columns: [String]
    /// The schema version that created the table: runs recorded before it have no rows in it
    /// and no `run_rows` row for it.
    public var since = 1
  }

  /// Every file read, once per state (same path, inode, size, hash and counts: one row).
  public static let inputs = Table(
    name: "inputs",
    columns: [
      "id", "run_id", "identity", "server", "time_zone", "path", "device", "inode", "size",
      "prefix_bytes", "prefix_sha256", "offset_read", "sha256", "decoded_bytes", "lines",
      "first_time", "last_time", "entries", "unparsed_lines", "impossible_timestamps",
      "binary_lines", "truncated_lines", "out_of_order_entries", "duplicate_entries",
      "match_errors", "legacy_year_source", "failure", "envelope", "container_lines",
    ])
  /// Every event, once: the run that first read it records it.
  public static let events = Table(
    name: "events",
    columns: [
      "id", "run_id", "server", "time", "kind", "text", "occurrence", "path", "line", "local_time",
      "time_status", "pid", "severity", "category", "checkpoint", "journal_file", "directory",
      "count", "reason", "stated_utc", "method",
    ])
  /// Every session in each form a run's audit gave it (an in-progress session, then its verdict).
  public static let sessions = Table(
    name: "sessions",
    columns: [
      "id", "run_id", "digest", "session_id", "kind", "start", "end", "checkpoint", "verdict",
      "restore_tests",
    ])
  /// The members of each recorded session, in the session's order.
  public static let sessionMembers = Table(
    name: "session_members",
    columns: [
      "id", "run_id", "session_row", "position", "server", "freeze_begin", "frozen",
      "thaw_begin", "thawed", "quiesced", "resumed", "duration_seconds", "journal_file",
      "checkpoint", "clock_offset_ms", "elapsed_seconds",
    ])
  /// Every finding in each form a run's audit gave it.
  public static let findings = Table(
    name: "findings",
    columns: [
      "id", "run_id", "digest", "rule", "severity", "server", "session_id", "time", "message",
    ])
  /// The evidence lines of each recorded finding, in order.
  public static let findingEvidence = Table(
    name: "finding_evidence",
    columns: ["id", "run_id", "finding_row", "position", "path", "line", "text"])
  /// Since v2: the bytes of a file one run read, for the `inputs` row it recorded (the
  /// incremental reading): `read_from..<read_to` and their SHA-256, the lines before them and
  /// the last one read, where the next run starts (the row's `offset_read`, `resume_line` lines
  /// before it), the year of year-less timestamps there, why the file was read from its start
  /// again (`restart`, `restart_recorded` bytes had been read of it), and the counts of the
  /// bytes the next run reads again (`carried`, JSON).
  public static let inputRanges = Table(
    name: "input_ranges",
    columns: [
      "id", "run_id", "input_row", "read_from", "read_to", "range_sha256", "line_base",
      "last_line", "resume_line", "legacy_year", "restart", "restart_recorded", "carried",
    ],
    since: 2)
  /// Since v3: the audit a run recorded when no backup was in progress at its report time, for
  /// a later run that adds no evidence (`AuditSnapshot`): `key` is the SHA-256 of what the
  /// audit depended on (the tool's version, executable and configuration, and the last
  /// `events` and `inputs` rows, `events_upto` and `inputs_upto`), `size` and `sha256` those of
  /// its bytes. The bytes are in `audit_snapshot_data`, which is not hashed and keeps the
  /// latest snapshot's alone: a run uses them only when they match this row's hash, which the
  /// chain covers.
  public static let auditSnapshots = Table(
    name: "audit_snapshots",
    columns: [
      "id", "run_id", "key", "events_upto", "inputs_upto", "report_time", "size", "sha256",
    ],
    since: 3)
  /// The runs themselves: `record_hash` covers these columns and the run's `run_rows`.
  public static let runs = Table(
    name: "runs",
    columns: [
      "id", "tool_version", "started_at", "finished_at", "report_time", "configuration",
      "content_hash", "previous_hash",
    ])

  /// The tables a run's content hash covers, in the order it covers them.
  public static let contentTables = [
    inputs, events, sessions, sessionMembers, findings, findingEvidence, inputRanges,
    auditSnapshots,
  ]

  /// The content tables `db` has: a ledger of an older version lacks the later ones.
  static func contentTables(in db: Database) throws -> [Table] {
    try contentTables.filter { try db.tableExists($0.name) }
  }

  /// The previous-run hash of the first run: no run came before it.
  public static let genesisHash = String(repeating: "0", count: 64)

  /// Every migration, from the first version on; a ledger is one whose applied migrations are
  /// all known here.
  public static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(sql: version1)
    }
    migrator.registerMigration("v2") { db in
      try db.execute(sql: version2)
    }
    migrator.registerMigration("v3") { db in
      try db.execute(sql: version3)
    }
    return migrator
  }

  /// Version 1: STRICT tables, so that SQLite never converts a value and the hash of what
  /// was written is the hash of what is read back.
  static let version1 = """
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      tool_version TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      report_time INTEGER NOT NULL,
      configuration TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      previous_hash TEXT NOT NULL,
      record_hash TEXT NOT NULL
    ) STRICT;
    CREATE TABLE run_rows (
      run_id INTEGER NOT NULL REFERENCES runs(id),
      table_name TEXT NOT NULL,
      first_row INTEGER,
      row_count INTEGER NOT NULL,
      PRIMARY KEY (run_id, table_name)
    ) STRICT;
    CREATE TABLE inputs (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      identity TEXT NOT NULL UNIQUE,
      server TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      path TEXT NOT NULL,
      device INTEGER,
      inode INTEGER,
      size INTEGER NOT NULL,
      prefix_bytes INTEGER,
      prefix_sha256 TEXT,
      offset_read INTEGER NOT NULL,
      sha256 TEXT,
      decoded_bytes INTEGER NOT NULL,
      lines INTEGER NOT NULL,
      first_time INTEGER,
      last_time INTEGER,
      entries INTEGER NOT NULL,
      unparsed_lines INTEGER NOT NULL,
      impossible_timestamps INTEGER NOT NULL,
      binary_lines INTEGER NOT NULL,
      truncated_lines INTEGER NOT NULL,
      out_of_order_entries INTEGER NOT NULL,
      duplicate_entries INTEGER NOT NULL,
      match_errors INTEGER NOT NULL,
      legacy_year_source TEXT,
      failure TEXT,
      envelope TEXT,
      container_lines INTEGER NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      server TEXT NOT NULL,
      time INTEGER NOT NULL,
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      occurrence INTEGER NOT NULL,
      path TEXT NOT NULL,
      line INTEGER NOT NULL,
      local_time TEXT NOT NULL,
      time_status TEXT NOT NULL,
      pid INTEGER,
      severity INTEGER,
      category TEXT,
      checkpoint INTEGER,
      journal_file TEXT,
      directory TEXT,
      count INTEGER,
      reason TEXT,
      stated_utc INTEGER,
      method TEXT,
      row_hash TEXT NOT NULL,
      UNIQUE (server, time, kind, text, occurrence)
    ) STRICT;
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      digest TEXT NOT NULL UNIQUE,
      session_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      start INTEGER NOT NULL,
      "end" INTEGER NOT NULL,
      checkpoint INTEGER,
      verdict TEXT NOT NULL,
      restore_tests TEXT NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE TABLE session_members (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      session_row INTEGER NOT NULL REFERENCES sessions(id),
      position INTEGER NOT NULL,
      server TEXT NOT NULL,
      freeze_begin INTEGER,
      frozen INTEGER,
      thaw_begin INTEGER,
      thawed INTEGER,
      quiesced INTEGER,
      resumed INTEGER,
      duration_seconds REAL,
      journal_file TEXT,
      checkpoint INTEGER,
      clock_offset_ms INTEGER,
      elapsed_seconds REAL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      digest TEXT NOT NULL UNIQUE,
      rule TEXT NOT NULL,
      severity TEXT NOT NULL,
      server TEXT,
      session_id TEXT,
      time INTEGER NOT NULL,
      message TEXT NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE TABLE finding_evidence (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      finding_row INTEGER NOT NULL REFERENCES findings(id),
      position INTEGER NOT NULL,
      path TEXT NOT NULL,
      line INTEGER NOT NULL,
      text TEXT NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX inputs_by_file ON inputs (server, device, inode, first_time);
    CREATE INDEX events_by_server ON events (server, id);
    """

  /// Version 2: the incremental reading. A new table, so that no row of version 1 changes; and
  /// the index that finds the events a run reads again at the lines of a file it stopped at.
  static let version2 = """
    CREATE TABLE input_ranges (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      input_row INTEGER NOT NULL UNIQUE REFERENCES inputs(id),
      read_from INTEGER NOT NULL,
      read_to INTEGER NOT NULL,
      range_sha256 TEXT,
      line_base INTEGER NOT NULL,
      last_line INTEGER NOT NULL,
      resume_line INTEGER NOT NULL,
      legacy_year INTEGER,
      restart TEXT,
      restart_recorded INTEGER,
      carried TEXT NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX events_by_line ON events (server, path, line);
    CREATE INDEX inputs_by_path ON inputs (server, path);
    """

  /// Version 3: the audit snapshots, in new tables.
  static let version3 = """
    CREATE TABLE audit_snapshots (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id),
      key TEXT NOT NULL,
      events_upto INTEGER NOT NULL,
      inputs_upto INTEGER NOT NULL,
      report_time INTEGER NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      row_hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_snapshots_by_key ON audit_snapshots (key, id);
    CREATE TABLE audit_snapshot_data (
      snapshot_row INTEGER PRIMARY KEY REFERENCES audit_snapshots(id),
      data BLOB NOT NULL
    ) STRICT;
    """
}
