import BackupAudit
import BackupEvents
import Crypto
import Foundation
import GRDB

/// The writes of one run, inside its transaction: the run's row, then every row it adds, each
/// with its `row_hash`, then the run's content and record hashes.
///
/// Nothing already recorded is recorded again: an input read in the same state, an event of
/// the same server, instant, kind and text (the `occurrence`-th such in its file, so that two
/// identical lines stay two), a session or finding the audit gave in the same form. Re-reading
/// the same bytes, or a rotated or compressed copy under another name, adds no event. A file
/// read on from where the ledger stopped counts on from the occurrences recorded, and an event
/// it reads again, at a line of a `ReadOverlap`, is the one recorded there.
struct LedgerWriter {
  let db: Database
  private var nextRow: [String: Int64] = [:]
  private var firstRow: [String: Int64] = [:]
  private var added: [String: Int] = [:]
  /// The `row_hash` of every row this run added, by table, in the order of their ids, one
  /// after the other (64 hex digits each: a first run over years of logs adds hundreds of
  /// thousands): the content hash is derived from them without reading the tables again
  /// (`run_id` has no index, so a query would scan every table of a ledger that only grows).
  private var rowHashes: [String: [UInt8]] = [:]
  private var run: Int64 = 0

  init(_ db: Database) {
    self.db = db
  }

  /// What the audit of a run gives the writer to record: its sessions and findings, and the
  /// snapshot of the audit when a later run may report it.
  struct Audited {
    var sessions: [Session]
    var findings: [Finding]
    var snapshot: Snapshot?
  }

  /// An audit's snapshot to record (`LedgerSchema.auditSnapshots`).
  struct Snapshot {
    var key: String
    var state: SnapshotStore.State
    var reportTime: Int64
    var bytes: [UInt8]
  }

  /// Records `recorded`'s readings, then what `audit` gives once they are written: nil when
  /// the run reports an audit already recorded, and adds nothing more. The readings are
  /// emptied once written, before `audit` runs.
  mutating func record(_ recorded: inout LedgerRun, audit: () throws -> Audited?) throws
    -> Ledger.Recorded
  {
    if let basis = recorded.recordedUpTo,
      try Int64.fetchOne(db, sql: "SELECT max(id) FROM inputs") ?? 0 != basis
    {
      throw LedgerError.database(
        "another run recorded in the ledger while this one was reading the logs; nothing of "
          + "this run was recorded: run it again")
    }
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
    for table in try LedgerSchema.contentTables(in: db) {
      nextRow[table.name] =
        (try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table.name)") ?? 0) + 1
    }
    let overlaps = Dictionary(
      recorded.overlaps.map { (EventFile(server: $0.server, path: $0.path), $0) }
    ) { first, _ in first }
    for reading in recorded.readings {
      for input in reading.inputs {
        try insertInput(input, zone: reading.timeZone)
      }
      try insertEvents(reading.events, overlaps: overlaps)
    }
    recorded.readings = []
    if let audited = try audit() {
      for (session, digest) in zip(audited.sessions, try Self.digests(audited.sessions)) {
        try insertSession(session, digest: digest)
      }
      for (finding, digest) in zip(audited.findings, try Self.digests(audited.findings)) {
        try insertFinding(finding, digest: digest)
      }
      if let snapshot = audited.snapshot { try insertSnapshot(snapshot) }
    }
    for table in LedgerSchema.contentTables {
      try db.execute(
        sql: "INSERT INTO run_rows (run_id, table_name, first_row, row_count) VALUES (?, ?, ?, ?)",
        arguments: [run, table.name, firstRow[table.name], added[table.name] ?? 0])
    }
    let hashes = LedgerHashes(db)
    var hasher = SHA256()
    for table in try LedgerSchema.contentTables(in: db) {
      hasher.update(data: rowHashes[table.name] ?? [])
    }
    let content = CanonicalRow.hex(hasher.finalize())
    try db.execute(sql: "UPDATE runs SET content_hash = ? WHERE id = ?", arguments: [content, run])
    let record = try hashes.recordHash(run: run) ?? ""
    try db.execute(sql: "UPDATE runs SET record_hash = ? WHERE id = ?", arguments: [record, run])
    return Ledger.Recorded(run: run, recordHash: record, rows: added.filter { $0.value > 0 })
  }

  private mutating func insertInput(_ input: InputSummary, zone: String) throws {
    let range = input.range
    let described: [DatabaseValue] = [
      input.server.databaseValue, zone.databaseValue, input.path.databaseValue,
      value(range?.device), value(range?.inode), (range?.readTo ?? Int64(input.bytes)).databaseValue,
      value(range?.prefixBytes), value(range?.prefixSHA256),
      (range?.resumeOffset ?? Int64(input.bytes)).databaseValue, value(input.sha256), input.decodedBytes.databaseValue, input.lines.databaseValue,
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
    guard let row = try insert(LedgerSchema.inputs, [identity.databaseValue] + described),
      let range
    else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let carried = String(decoding: try encoder.encode(range.carried), as: UTF8.self)
    _ = try insert(
      LedgerSchema.inputRanges,
      [
        row.databaseValue, range.readFrom.databaseValue, range.readTo.databaseValue,
        value(range.sha256), range.lineBase.databaseValue, range.lastLine.databaseValue,
        range.resumeLine.databaseValue, value(range.legacyYear),
        value(range.restart?.reason.rawValue), value(range.restart?.recordedBytes),
        carried.databaseValue,
      ])
  }

  /// Inserts the events of one server's reading, each with its occurrence in its file: counted
  /// from 1 in a file read from its start, on from the ledger's in a file read on, and taken
  /// from the event recorded at the same line where the file was read again.
  private mutating func insertEvents(_ events: [BackupEvent], overlaps: [EventFile: ReadOverlap])
    throws
  {
    var seen: [EventFile: [EventKey: Int]] = [:]
    var again: [EventFile: [LineKey: Int]] = [:]
    for event in events {
      let file = EventFile(server: event.server, path: event.path)
      let key = EventKey(time: event.epochMilliseconds, kind: event.kind.rawValue, text: event.text)
      let overlap = overlaps[file]
      if overlap != nil && again[file] == nil { again[file] = try recorded(at: overlap!) }
      let occurrence: Int
      if let recorded = again[file]?[LineKey(line: event.line, event: key)] {
        occurrence = recorded
      } else {
        let before = try seen[file]?[key] ?? (overlap == nil ? 0 : maximumOccurrence(event))
        occurrence = before + 1
        seen[file, default: [:]][key] = occurrence
      }
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

  private mutating func insertSession(_ session: Session, digest: String) throws {
    let restoreTests = try Self.json(session.restoreTests)
    guard
      let row = try insert(
        LedgerSchema.sessions,
        [
          digest.databaseValue, session.id.databaseValue,
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

  private mutating func insertFinding(_ finding: Finding, digest: String) throws {
    guard
      let row = try insert(
        LedgerSchema.findings,
        [
          digest.databaseValue, finding.rule.rawValue.databaseValue,
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

  private mutating func insertSnapshot(_ snapshot: Snapshot) throws {
    guard
      let row = try insert(
        LedgerSchema.auditSnapshots,
        [
          snapshot.key.databaseValue, snapshot.state.eventsUpTo.databaseValue,
          snapshot.state.inputsUpTo.databaseValue, snapshot.reportTime.databaseValue,
          Int64(snapshot.bytes.count).databaseValue,
          SnapshotStore.sha256(snapshot.bytes).databaseValue,
        ])
    else { return }
    try SnapshotStore(db).keep(snapshot.bytes, for: row)
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
    rowHashes[table.name, default: []].append(contentsOf: hash.utf8)
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

  /// The digests of `values`, in order, made on every core: each is the JSON encoding of one
  /// value and its hash, thousands of them for years of history.
  private static func digests<T: Encodable & Sendable>(_ values: [T]) throws -> [String] {
    try ResultSlots<Result<String, any Error>>.concurrentMap(values) { value in
      Result { try digest(value) }
    }.map { try $0.get() }
  }

  private static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The events the ledger holds at the lines of `overlap`, by line and event: their occurrences.
  private func recorded(at overlap: ReadOverlap) throws -> [LineKey: Int] {
    var found: [LineKey: Int] = [:]
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT line, time, kind, text, occurrence FROM events
        WHERE server = ? AND path = ? AND line BETWEEN ? AND ?
        """,
      arguments: [
        overlap.server, overlap.previousPath, overlap.lines.lowerBound, overlap.lines.upperBound,
      ])
    for row in rows {
      let key = EventKey(time: row["time"], kind: row["kind"], text: row["text"])
      found[LineKey(line: row["line"], event: key)] = row["occurrence"]
    }
    return found
  }

  /// The highest occurrence the ledger holds of `event`'s server, instant, kind and text; 0
  /// for none.
  private func maximumOccurrence(_ event: BackupEvent) throws -> Int {
    // Asked once per new event of a file read on: prepared once.
    let statement = try db.cachedStatement(
      sql: "SELECT max(occurrence) FROM events WHERE server = ? AND time = ? AND kind = ? AND text = ?")
    return try Int.fetchOne(
      statement,
      arguments: [event.server, event.epochMilliseconds, event.kind.rawValue, event.text]) ?? 0
  }

  private struct EventKey: Hashable {
    var time: Int64
    var kind: String
    var text: String
  }

  /// A server's events of one file.
  private struct EventFile: Hashable {
    var server: String
    var path: String
  }

  /// An event at a line.
  private struct LineKey: Hashable {
    var line: Int
    var event: EventKey
  }
}
