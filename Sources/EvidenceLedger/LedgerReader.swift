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
struct LedgerReader {
  let db: Database

  init(_ db: Database) {
    self.db = db
  }

  func readings() throws -> [ServerReading] {
    var latest: [FileKey: (id: Int64, summary: InputSummary)] = [:]
    var zones: [String: String] = [:]
    let inputs = try Row.fetchCursor(db, sql: "SELECT * FROM inputs ORDER BY id")
    while let row = try inputs.next() {
      let summary = Self.summary(row)
      let inode: Int64? = row["inode"]
      let device: Int64? = row["device"]
      let key = FileKey(
        server: summary.server, device: device, inode: inode,
        path: inode == nil ? summary.path : nil, first: summary.firstEpochMilliseconds)
      latest[key] = (row["id"], summary)
      zones[summary.server] = row["time_zone"]
    }
    var events: [String: [BackupEvent]] = [:]
    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY server, id")
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

  private static func summary(_ row: Row) -> InputSummary {
    var summary = InputSummary(server: row["server"], path: row["path"])
    summary.bytes = row["size"]
    summary.sha256 = row["sha256"]
    summary.decodedBytes = row["decoded_bytes"]
    summary.lines = row["lines"]
    summary.firstEpochMilliseconds = row["first_time"]
    summary.lastEpochMilliseconds = row["last_time"]
    summary.entries = row["entries"]
    summary.unparsedLines = row["unparsed_lines"]
    summary.impossibleTimestamps = row["impossible_timestamps"]
    summary.binaryLines = row["binary_lines"]
    summary.truncatedLines = row["truncated_lines"]
    summary.outOfOrderEntries = row["out_of_order_entries"]
    summary.duplicateEntries = row["duplicate_entries"]
    summary.matchErrors = row["match_errors"]
    summary.legacyYearSource = row["legacy_year_source"]
    summary.failure = row["failure"]
    summary.envelope = row["envelope"]
    summary.containerLines = row["container_lines"]
    return summary
  }

  private static func event(_ row: Row) throws -> BackupEvent {
    let id: Int64 = row["id"]
    guard let kind = EventKind(rawValue: row["kind"]),
      let localTime = LocalTimestamp(iso8601: row["local_time"]),
      let status = LocalTimeStatus(rawValue: row["time_status"])
    else {
      throw LedgerError.database(
        "events row \(id) holds a kind, local time or status this version cannot read")
    }
    return BackupEvent(
      server: row["server"], path: row["path"], line: row["line"], epochMilliseconds: row["time"],
      localTime: localTime, timeStatus: status, pid: row["pid"], severity: row["severity"],
      category: row["category"], kind: kind, checkpoint: row["checkpoint"],
      journalFile: row["journal_file"], directory: row["directory"], count: row["count"],
      reason: row["reason"], statedUTC: row["stated_utc"], method: row["method"], text: row["text"])
  }
}
