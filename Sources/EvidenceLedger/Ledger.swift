import BackupAudit
import BackupEvents
import Foundation
import GRDB

/// An evidence ledger: one SQLite file holding every run's inputs, events, sessions and
/// findings, each run chained to the one before by its hashes (SPEC §11).
///
/// Written in WAL mode, one transaction per run: a run stopped at any moment leaves the file
/// as the previous run left it, because SQLite discards a transaction that never committed.
public struct Ledger: Sendable {
  /// The file's path.
  public let path: String
  let database: DatabaseQueue

  /// What one recorded run added.
  public struct Recorded: Sendable, Equatable {
    /// The run's id: 1 for the first run, then one more each run.
    public var run: Int64
    /// The run's record hash, which the next run's record chains to.
    public var recordHash: String
    /// Rows added per table (`inputs`, `events`, …); a table with none is absent.
    public var rows: [String: Int]
    /// With a snapshot key: the audit the run reports, its own or the one `reusedRun` made.
    public var result: AuditResult? = nil
    /// The run whose audit snapshot this run reported, adding no evidence; nil when it
    /// audited the ledger's history.
    public var reusedRun: Int64? = nil
    /// What the run found wrong in the ledger and worked around, a line each.
    public var warnings: [String] = []
  }

  private init(path: String, database: DatabaseQueue) {
    self.path = path
    self.database = database
  }

  /// Opens the ledger at `path` for writing, creating it (and migrating it to the current
  /// schema) when needed.
  public static func create(path: String) throws(LedgerError) -> Ledger {
    var configuration = Configuration()
    configuration.journalMode = .wal
    configuration.busyMode = .timeout(10)
    do {
      let database = try DatabaseQueue(path: path, configuration: configuration)
      try checkMigrations(database, allowingNone: true)
      try LedgerSchema.migrator.migrate(database)
      return Ledger(path: path, database: database)
    } catch let error as LedgerError {
      throw error
    } catch {
      throw .notALedger("\(path) cannot be opened as a ledger: \(Self.describe(error))")
    }
  }

  /// Opens the existing ledger at `path` for reading; `notALedger` when it is not one.
  public static func open(path: String) throws(LedgerError) -> Ledger {
    guard FileManager.default.fileExists(atPath: path) else {
      throw .notALedger("\(path): no such file")
    }
    var configuration = Configuration()
    configuration.readonly = true
    do {
      let database = try DatabaseQueue(path: path, configuration: configuration)
      try checkMigrations(database, allowingNone: false)
      return Ledger(path: path, database: database)
    } catch let error as LedgerError {
      throw error
    } catch {
      throw .notALedger("\(path) is not a ledger: \(Self.describe(error))")
    }
  }

  /// Records `run` in one transaction and returns what it added.
  public func record(_ run: LedgerRun) throws(LedgerError) -> Recorded {
    var run = run
    return try transaction { db in
      var writer = LedgerWriter(db)
      return try writer.record(&run) { [sessions = run.sessions, findings = run.findings] in
        .init(sessions: sessions, findings: findings)
      }
    }
  }

  /// Records `run`'s readings, then `audit`'s result of every server's reading as the ledger
  /// then holds it (`readings()`: the history with this run's bytes), all in one transaction;
  /// returns what it added, and the result. The incremental run's way: its report is the audit
  /// of all the bytes the runs read, not of the few it read itself.
  ///
  /// When the run added no evidence and an earlier run with the same `snapshot.basis` recorded
  /// the audit of the same evidence at or before `snapshot.reportTime`, with no backup in
  /// progress (`AuditResult.judgedAtReportTime`), that audit is the run's result: `audit` is
  /// not called and the run adds its row alone. Snapshot bytes that do not match their row's
  /// hash are passed by, with a warning. A result judged at its report time is not kept.
  ///
  /// `run`'s readings are emptied once their rows are written: years of events read by a first
  /// run leave memory before the history is loaded again to be audited.
  public func record(
    _ run: inout LedgerRun, snapshot key: AuditSnapshotKey,
    auditing audit: ([ServerReading]) throws -> AuditResult
  ) throws(LedgerError) -> Recorded {
    try transaction { db in
      var writer = LedgerWriter(db)
      var result: AuditResult?
      var reusedRun: Int64?
      var warnings: [String] = []
      var added = try writer.record(&run) {
        let store = SnapshotStore(db)
        let state = try store.state()
        let hash = state.key(key.basis)
        switch try store.lookup(hash, reportTime: key.reportTime) {
        case .found(let made, let bytes):
          do {
            result = try AuditSnapshot.decode(bytes, configuration: key.configuration)
            reusedRun = made
            return nil
          } catch {
            warnings.append(
              "\(path): the audit snapshot run \(made) recorded cannot be read (\(error)); "
                + "audited the ledger's history instead")
          }
        case .changed(let made, let row):
          warnings.append(
            "\(path): the bytes of audit_snapshots row \(row) (run \(made)) do not match its "
              + "hash; audited the ledger's history instead (ledger verify names the change)")
        case .none:
          break
        }
        let audited = try audit(try LedgerReader(db).readings(excluding: Auditor.ignoredKinds))
        result = audited
        let snapshot =
          audited.judgedAtReportTime
          ? nil
          : LedgerWriter.Snapshot(
            key: hash, state: state, reportTime: key.reportTime,
            bytes: AuditSnapshot.encode(audited))
        return .init(sessions: audited.sessions, findings: audited.findings, snapshot: snapshot)
      }
      added.result = result
      added.reusedRun = reusedRun
      added.warnings = warnings
      return added
    }
  }

  /// Runs `body` in one immediate transaction and checkpoints the WAL once it committed.
  private func transaction(_ body: (Database) throws -> Recorded)
    throws(LedgerError) -> Recorded
  {
    do {
      return try database.writeWithoutTransaction { db in
        var recorded: Recorded?
        // Immediate: a second run writing at the same time waits for this one's commit
        // instead of failing when its read turns into a write.
        try db.inTransaction(.immediate) {
          recorded = try body(db)
          return .commit
        }
        // Committed; the WAL goes back into the file, so that the file alone is the ledger.
        _ = try db.checkpoint(.truncate)
        guard let recorded else { throw LedgerError.database("the run was not recorded") }
        return recorded
      }
    } catch {
      throw .database("cannot record the run in \(path): \(Self.describe(error))")
    }
  }

  /// Every server's reading as the ledger holds it: all the events ever recorded and the
  /// latest state of every input (SPEC §11 "History").
  /// Events of `excluded` kinds are left out (an audit passes `Auditor.ignoredKinds`).
  public func readings(excluding excluded: Set<EventKind> = []) throws(LedgerError)
    -> [ServerReading]
  {
    do {
      return try database.read { db in try LedgerReader(db).readings(excluding: excluded) }
    } catch {
      throw .database("cannot read \(path): \(Self.describe(error))")
    }
  }

  /// What the ledger recorded of every file, for the incremental reading.
  public func recordedFiles() throws(LedgerError) -> RecordedFiles {
    do {
      return try database.read { db in try RecordedFiles.load(db) }
    } catch {
      throw .database("cannot read \(path): \(Self.describe(error))")
    }
  }

  /// The configuration the latest run recorded (JSON), nil when no run is recorded.
  public func latestConfiguration() throws(LedgerError) -> String? {
    do {
      return try database.read { db in
        try String.fetchOne(db, sql: "SELECT configuration FROM runs ORDER BY id DESC LIMIT 1")
      }
    } catch {
      throw .database("cannot read \(path): \(Self.describe(error))")
    }
  }

  /// The number of rows of each table: `runs` and every content table.
  public func rowCounts() throws(LedgerError) -> [String: Int] {
    do {
      return try database.read { db in
        var counts: [String: Int] = [:]
        for table in [LedgerSchema.runs] + (try LedgerSchema.contentTables(in: db)) {
          counts[table.name] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
        }
        return counts
      }
    } catch {
      throw .database("cannot read \(path): \(Self.describe(error))")
    }
  }

  /// Runs `body` in a read transaction: the verifier's way in.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    try database.read(body)
  }

  /// A ledger has applied only migrations this version knows, the first ones of them (unless
  /// new: none).
  private static func checkMigrations(_ database: DatabaseQueue, allowingNone: Bool) throws {
    try database.read { db in
      // Reading the schema fails on a file that is not SQLite.
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      if tables.isEmpty && allowingNone { return }
      let migrator = LedgerSchema.migrator
      let applied = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
      // The migrations applied are the first ones of this version: an older ledger is read as
      // it is (and upgraded only by `create`, the writer).
      let isPrefix = applied == Set(migrator.migrations.prefix(applied.count))
      guard !applied.isEmpty, applied.isSubset(of: Set(migrator.migrations)), isPrefix else {
        throw LedgerError.notALedger(
          "\(database.path) is an SQLite database, but not a ledger of this version")
      }
    }
  }

  /// SQLite's own message, without GRDB's wrapping.
  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
    return String(describing: error)
  }
}
