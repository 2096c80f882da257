import BackupEvents
import Foundation
import GRDB

/// A file's state as the ledger recorded it: an `inputs` row, and, when a run of version 2 read
/// it, its `input_ranges` row, which the incremental reading needs to read on.
struct RecordedInput: Sendable {
  /// The row's id: a later row of the same file has a greater one.
  var id: Int64
  /// The summary the row holds, with its `range` when it has an `input_ranges` row.
  var summary: InputSummary
  /// `st_dev`, `st_ino`, and how many bytes the prefix hash covers; nil for standard input and
  /// the records of `--events`.
  var device: Int64?
  var inode: Int64?
  var prefixBytes: Int?
  var prefixSHA256: String?
  /// Where the next reading starts.
  var offsetRead: Int64
  /// The zone the server was read in.
  var timeZone: String

  var server: String { summary.server }
  var path: String { summary.path }

  /// The query of every input row with its range, in the order recorded; on a ledger of
  /// version 1 the range columns are absent and read as nil.
  static func query(_ db: Database, where condition: String = "") throws -> String {
    let filter = condition.isEmpty ? "" : " WHERE \(condition)"
    guard try db.tableExists(LedgerSchema.inputRanges.name) else {
      return "SELECT i.* FROM inputs i\(filter) ORDER BY i.id"
    }
    return """
      SELECT i.*, r.read_from, r.read_to, r.range_sha256, r.line_base, r.last_line,
        r.resume_line, r.legacy_year, r.restart, r.restart_recorded, r.carried
      FROM inputs i LEFT JOIN input_ranges r ON r.input_row = i.id\(filter) ORDER BY i.id
      """
  }

  /// The input of `row`, a row of `query`.
  init(_ row: Row) throws {
    id = row["id"]
    device = row["device"]
    inode = row["inode"]
    prefixBytes = row["prefix_bytes"]
    prefixSHA256 = row["prefix_sha256"]
    offsetRead = row["offset_read"]
    timeZone = row["time_zone"]
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
    if let device, let inode, let prefixBytes, let prefixSHA256,
      let readFrom: Int64 = row["read_from"], let carried: String = row["carried"]
    {
      let restart: String? = row["restart"]
      summary.range = InputRange(
        device: device, inode: inode, prefixBytes: prefixBytes, prefixSHA256: prefixSHA256,
        readFrom: readFrom, readTo: row["read_to"], lineBase: row["line_base"],
        lastLine: row["last_line"], sha256: row["range_sha256"], resumeOffset: offsetRead,
        resumeLine: row["resume_line"], legacyYear: row["legacy_year"],
        carried: try JSONDecoder().decode(InputFigures.self, from: Data(carried.utf8)),
        restart: try restart.map { reason in
          guard let reason = InputRestart.Reason(rawValue: reason) else {
            throw LedgerError.database("inputs row \(row["id"] ?? 0): unknown restart \(reason)")
          }
          return InputRestart(reason: reason, recordedBytes: row["restart_recorded"] ?? 0)
        }, continues: nil)
    }
    self.summary = summary
  }
}
