import BackupEvents
import CivilTime
import GRDB
import LogParsing

/// Rebuilds every server's reading from the ledger's rows, for `report --ledger`: the audit of
/// them is the audit of all the bytes the runs ever read.
///
/// - Events: every recorded event, per server in the order recorded (each run's in reading
///   order, runs one after another), each cited at the path and line that first recorded it.
/// - Inputs: the latest state of each file, a file being its server, device, inode and first
///   entry time (an inode reused after a purge holds other entries), or its server, path and
///   first entry time when it has no inode (standard input, `--events` records); in order of
///   their first entry, as the reader orders files.
/// - Zone: the one the server's latest input was read in.
/// - A file that could not be read (or read only in part) and was read again by a later run is
///   that later reading: one unreadable day does not make every later report unknown.
struct LedgerReader {
  let db: Database

  init(_ db: Database) {
    self.db = db
  }

  /// Every server's reading; events of `excluded` kinds left out (an audit's reading leaves out
  /// what the audit never looks at, `Auditor.ignoredKinds`).
  func readings(excluding excluded: Set<EventKind> = []) throws -> [ServerReading] {
    var latest: [FileKey: (id: Int64, summary: InputSummary)] = [:]
    var zones: [String: String] = [:]
    // The last row of each server and path, and the rows of files that could not be read.
    var lastOfPath: [String: Int64] = [:]
    var failed: [(key: FileKey, id: Int64, path: String)] = []
    let inputs = try Row.fetchCursor(db, sql: try RecordedInput.query(db))
    while let row = try inputs.next() {
      let input = try RecordedInput(row)
      let summary = input.summary
      let key = FileKey(
        server: summary.server, device: input.device, inode: input.inode,
        path: input.inode == nil ? summary.path : nil, first: summary.firstEpochMilliseconds)
      latest[key] = (input.id, summary)
      zones[summary.server] = input.timeZone
      let path = summary.server + "\u{0}" + summary.path
      lastOfPath[path] = input.id
      if input.inode == nil && summary.failure != nil { failed.append((key, input.id, path)) }
    }
    // A file that could not be read, read by a later run, is history, not a failure of today.
    for file in failed where lastOfPath[file.path] ?? 0 > file.id && latest[file.key]?.id == file.id {
      latest[file.key] = nil
    }
    var events: [String: [BackupEvent]] = [:]
    let kinds = excluded.map(\.rawValue).sorted()
    let exclusion =
      kinds.isEmpty
      ? "" : " WHERE kind NOT IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))"
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT \(Self.eventColumns.joined(separator: ", ")) FROM events\(exclusion) ORDER BY server, id",
      arguments: StatementArguments(kinds))
    var texts = RepeatedTexts()
    while let row = try rows.next() {
      let event = try Self.event(row, &texts)
      events[event.server, default: []].append(event)
    }
    let files = Dictionary(grouping: latest.values) { $0.summary.server }
    let servers = Set(files.keys).union(events.keys)
    return servers.sorted().map { server in
      let ordered = (files[server] ?? []).sorted {
        ($0.summary.firstEpochMilliseconds ?? .max, $0.id)
          < ($1.summary.firstEpochMilliseconds ?? .max, $1.id)
      }
      return ServerReading(
        server: server, timeZone: zones[server] ?? "UTC", events: events[server] ?? [],
        inputs: ordered.map(\.summary))
    }
  }

  private struct FileKey: Hashable {
    var server: String
    var device: Int64?
    var inode: Int64?
    var path: String?
    var first: Int64?
  }

  /// The columns `event` reads, by position: a run's reading loads every event the ledger
  /// holds, and a column looked up by name costs a hash each time.
  private static let eventColumns = [
    "id", "server", "path", "line", "time", "local_time", "time_status", "pid", "severity",
    "category", "kind", "checkpoint", "journal_file", "directory", "count", "reason",
    "stated_utc", "method", "text",
  ]

  /// Kinds and statuses by their text: one hash each, not a comparison per case.
  private static let kinds = Dictionary(
    uniqueKeysWithValues: EventKind.allCases.map { ($0.rawValue, $0) })
  private static let statuses = Dictionary(
    uniqueKeysWithValues: LocalTimeStatus.allCases.map { ($0.rawValue, $0) })

  private static func event(_ row: Row, _ texts: inout RepeatedTexts) throws -> BackupEvent {
    let id: Int64 = row[0]
    guard let kind = kinds[row[10] as String],
      let localTime = LocalTimestamp(iso8601: row[5]),
      let status = statuses[row[6] as String]
    else {
      throw LedgerError.database(
        "events row \(id) holds a kind, local time or status this version cannot read")
    }
    return BackupEvent(
      server: try texts.server(row, 1), path: try texts.path(row, 2), line: row[3],
      epochMilliseconds: row[4], localTime: localTime,
      timeStatus: status, pid: row[7], severity: row[8], category: row[9], kind: kind,
      checkpoint: row[11], journalFile: row[12], directory: row[13], count: row[14],
      reason: row[15], statedUTC: row[16], method: row[17], text: row[18])
  }
}

/// The server and path of the events the reader loads, which repeat from one row to the next
/// (rows come by server, a file's events one after another): the text of the previous row's
/// column when the bytes are the same, instead of a new string per event.
struct RepeatedTexts {
  private var lastServer: (bytes: [UInt8], text: String) = ([], "")
  private var lastPath: (bytes: [UInt8], text: String) = ([], "")

  mutating func server(_ row: Row, _ index: Int) throws -> String {
    try Self.text(row, index, &lastServer)
  }

  mutating func path(_ row: Row, _ index: Int) throws -> String {
    try Self.text(row, index, &lastPath)
  }

  /// The text of column `index` as GRDB reads it, or `last`'s when its bytes are the same.
  private static func text(_ row: Row, _ index: Int, _ last: inout (bytes: [UInt8], text: String))
    throws -> String
  {
    var isSame = false
    var bytes: [UInt8]?
    // The bytes are SQLite's, valid inside the closure alone: compared, or copied.
    try row.withUnsafeData(atIndex: index) { data in
      guard let data else { return }
      isSame = data.withUnsafeBytes { $0.elementsEqual(last.bytes) }
      if !isSame { bytes = [UInt8](data) }
    }
    if isSame { return last.text }
    let text: String = row[index]
    if let bytes { last = (bytes, text) }
    return text
  }
}
