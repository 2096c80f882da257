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
    while let row = try rows.next() {
      let event = try Self.event(row)
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

  private static func event(_ row: Row) throws -> BackupEvent {
    let id: Int64 = row[0]
    guard let kind = EventKind(rawValue: row[10]),
      let localTime = LocalTimestamp(iso8601: row[5]),
      let status = LocalTimeStatus(rawValue: row[6])
    else {
      throw LedgerError.database(
        "events row \(id) holds a kind, local time or status this version cannot read")
    }
    return BackupEvent(
      server: row[1], path: row[2], line: row[3], epochMilliseconds: row[4], localTime: localTime,
      timeStatus: status, pid: row[7], severity: row[8], category: row[9], kind: kind,
      checkpoint: row[11], journalFile: row[12], directory: row[13], count: row[14],
      reason: row[15], statedUTC: row[16], method: row[17], text: row[18])
  }
}
