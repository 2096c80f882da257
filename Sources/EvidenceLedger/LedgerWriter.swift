import BackupAudit
import BackupEvents
import Foundation
import GRDB

/// The writes of one run, inside its transaction: the run's row, then every row it adds, each
/// with its `row_hash`, then the run's content and record hashes.
///
/// Nothing already recorded is recorded again: an input read in the same state, an event of
/// the same server, instant, kind and text (the `occurrence`-th such in the run's reading, so
/// that two identical lines stay two), a session or finding the audit gave in the same form.
/// Re-reading the same bytes, or a rotated file under its new name, adds no event.
struct LedgerWriter {
  let db: Database
  private var nextRow: [String: Int64] = [:]
  private var firstRow: [String: Int64] = [:]
  private var added: [String: Int] = [:]
  private var run: Int64 = 0

  init(_ db: Database) {
    self.db = db
  }

  mutating func record(_ recorded: LedgerRun) throws -> Ledger.Recorded {
    let previous =
      try String.fetchOne(db, sql: "SELECT record_hash FROM runs ORDER BY id DESC LIMIT 1")
      ?? LedgerSchema.genesisHash
    run = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM runs") ?? 0) + 1
    // The hashes are filled in once the rows are written; the row stays in this transaction.
    try db.execute(
      sql: """
        INSERT INTO runs (id, tool_version, started_at, finished_at, report_time, configuration,
          content_hash, previous_hash, record_hash) VALUES (?, ?, ?, ?, ?, ?, '', ?, '')
        """,
      arguments: [
        run, recorded.toolVersion, recorded.startedAt, recorded.finishedAt, recorded.reportTime,
        recorded.configuration, previous,
      ])
    for table in LedgerSchema.contentTables {
      nextRow[table.name] =
        (try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table.name)") ?? 0) + 1
    }
    for reading in recorded.readings {
      for input in reading.inputs {
        try insertInput(input, zone: reading.timeZone, file: recorded.files[input.path])
      }
      try insertEvents(reading.events)
    }
    for session in recorded.sessions { try insertSession(session) }
    for finding in recorded.findings { try insertFinding(finding) }
    for table in LedgerSchema.contentTables {
      try db.execute(
        sql: "INSERT INTO run_rows (run_id, table_name, first_row, row_count) VALUES (?, ?, ?, ?)",
        arguments: [run, table.name, firstRow[table.name], added[table.name] ?? 0])
    }
    let hashes = LedgerHashes(db)
    let content = try hashes.contentHash(run: run)
    try db.execute(sql: "UPDATE runs SET content_hash = ? WHERE id = ?", arguments: [content, run])
    let record = try hashes.recordHash(run: run) ?? ""
    try db.execute(sql: "UPDATE runs SET record_hash = ? WHERE id = ?", arguments: [record, run])
    return Ledger.Recorded(run: run, recordHash: record, rows: added.filter { $0.value > 0 })
  }

  private mutating func insertInput(_ input: InputSummary, zone: String, file: FileIdentity?)
    throws
  {
    let described: [DatabaseValue] = [
      input.server.databaseValue, zone.databaseValue, input.path.databaseValue,
      value(file?.device), value(file?.inode), input.bytes.databaseValue,
      value(file?.prefixBytes), value(file?.prefixSHA256), input.bytes.databaseValue,
      value(input.sha256), input.decodedBytes.databaseValue, input.lines.databaseValue,
      value(input.firstEpochMilliseconds), value(input.lastEpochMilliseconds),
      input.entries.databaseValue, input.unparsedLines.databaseValue,
      input.impossibleTimestamps.databaseValue, input.binaryLines.databaseValue,
      input.truncatedLines.databaseValue, input.outOfOrderEntries.databaseValue,
      input.duplicateEntries.databaseValue, input.matchErrors.databaseValue,
      value(input.legacyYearSource), value(input.failure), value(input.envelope),
      input.containerLines.databaseValue,
    ]
    // The same file in the same state, read the same way, is the same input.
    let identity = CanonicalRow.hash(table: "inputs.identity", described)
    _ = try insert(LedgerSchema.inputs, [identity.databaseValue] + described)
  }

  private mutating func insertEvents(_ events: [BackupEvent]) throws {
    var seen: [EventKey: Int] = [:]
    for event in events {
      let key = EventKey(time: event.epochMilliseconds, kind: event.kind.rawValue, text: event.text)
      let occurrence = (seen[key] ?? 0) + 1
      seen[key] = occurrence
      _ = try insert(
        LedgerSchema.events,
        [
          event.server.databaseValue, event.epochMilliseconds.databaseValue,
          event.kind.rawValue.databaseValue, event.text.databaseValue,
          occurrence.databaseValue, event.path.databaseValue, event.line.databaseValue,
          event.localTime.iso8601.databaseValue, event.timeStatus.rawValue.databaseValue,
          value(event.pid), value(event.severity), value(event.category),
          value(event.checkpoint), value(event.journalFile), value(event.directory),
          value(event.count), value(event.reason), value(event.statedUTC), value(event.method),
        ])
    }
  }

  private mutating func insertSession(_ session: Session) throws {
    let restoreTests = try Self.json(session.restoreTests)
    guard
      let row = try insert(
        LedgerSchema.sessions,
        [
          try Self.digest(session).databaseValue, session.id.databaseValue,
          session.kind.rawValue.databaseValue, session.start.databaseValue,
          session.end.databaseValue, value(session.checkpoint),
          session.verdict.rawValue.databaseValue, restoreTests.databaseValue,
        ])
    else { return }
    for (position, member) in session.members.enumerated() {
      _ = try insert(
        LedgerSchema.sessionMembers,
        [
          row.databaseValue, position.databaseValue, member.server.databaseValue,
          value(member.freezeBegin), value(member.frozen), value(member.thawBegin),
          value(member.thawed), value(member.quiesced), value(member.resumed),
          value(member.durationSeconds), value(member.journalFile), value(member.checkpoint),
          value(member.clockOffsetMilliseconds), value(member.elapsedSeconds),
        ])
    }
  }

  private mutating func insertFinding(_ finding: Finding) throws {
    guard
      let row = try insert(
        LedgerSchema.findings,
        [
          try Self.digest(finding).databaseValue, finding.rule.rawValue.databaseValue,
          finding.severity.rawValue.databaseValue, value(finding.server),
          value(finding.session), finding.epochMilliseconds.databaseValue,
          finding.message.databaseValue,
        ])
    else { return }
    for (position, evidence) in finding.evidence.enumerated() {
      _ = try insert(
        LedgerSchema.findingEvidence,
        [
          row.databaseValue, position.databaseValue, evidence.path.databaseValue,
          evidence.line.databaseValue, evidence.text.databaseValue,
        ])
    }
  }

  /// Inserts a row of `table` with the next id, this run, `values` and its hash, unless a
  /// unique column says it is already recorded; the new row's id, or nil.
  private mutating func insert(_ table: LedgerSchema.Table, _ values: [DatabaseValue]) throws
    -> Int64?
  {
    let id = nextRow[table.name] ?? 1
    let row = [id.databaseValue, run.databaseValue] + values
    precondition(row.count == table.columns.count, "\(table.name): a value per column")
    let hash = CanonicalRow.hash(table: table.name, row)
    let statement = try db.cachedStatement(sql: Self.insertSQL(table))
    try statement.execute(arguments: StatementArguments(row + [hash.databaseValue]))
    guard db.changesCount > 0 else { return nil }
    nextRow[table.name] = id + 1
    if firstRow[table.name] == nil { firstRow[table.name] = id }
    added[table.name, default: 0] += 1
    return id
  }

  private static func insertSQL(_ table: LedgerSchema.Table) -> String {
    let columns = (table.columns + ["row_hash"]).map { "\"\($0)\"" }.joined(separator: ", ")
    let marks = Array(repeating: "?", count: table.columns.count + 1).joined(separator: ", ")
    return "INSERT OR IGNORE INTO \(table.name) (\(columns)) VALUES (\(marks))"
  }

  private func value<T: DatabaseValueConvertible>(_ value: T?) -> DatabaseValue {
    value?.databaseValue ?? .null
  }

  /// The SHA-256 of a value's JSON (sorted keys): the identity of a session or finding.
  private static func digest<T: Encodable>(_ value: T) throws -> String {
    CanonicalRow.hash(table: "digest", [try json(value).databaseValue])
  }

  private static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  private struct EventKey: Hashable {
    var time: Int64
    var kind: String
    var text: String
  }
}
