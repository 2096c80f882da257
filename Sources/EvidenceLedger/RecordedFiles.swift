import BackupEvents
import Foundation
import GRDB
import LogReading

/// What the ledger recorded of every file, for the incremental reading (SPEC §11): where each
/// file of a run starts (`planner`), and how a reading that read on adds to what was recorded
/// (`merged`).
///
/// A file is its device and inode and its first bytes (`FileIdentity`). The same file, however
/// named now (a log renamed by rotation), is read on from where the ledger stopped, or not at all
/// when it has not grown; the same inode under a recorded path, shorter than what was read of it,
/// is `truncated` (copytruncate, `> messages.log`), and with other first bytes but no shorter
/// `replaced` (another log copied over it): both are read from the start again. A file of another inode is another file, read whole: the events
/// it shares with recorded ones (a copy, a gzip-compressed rotation) are recorded once. A file
/// whose last reading was by version 1 has no resume point and is read whole once more.
public final class RecordedFiles: @unchecked Sendable {
  /// The latest row of each server for each device and inode.
  private let byFile: [FileKey: [RecordedInput]]
  /// The latest row of each server and path.
  private let byPath: [PathKey: RecordedInput]
  /// The last `inputs` row when the rows were read: a run recorded on them must find no other
  /// (`LedgerRun.recordedUpTo`).
  public let lastInput: Int64
  /// The files the planner read on, by the row their reading continues: the latest row of
  /// each server of the file.
  // SAFETY: written by the planner from the reading threads, read by `merged` after them; every
  // access holds `lock`.
  private var continued: [Int64: [String: RecordedInput]] = [:]
  private let lock = NSLock()

  private struct FileKey: Hashable {
    var device: Int64
    var inode: Int64
  }

  private struct PathKey: Hashable {
    var server: String
    var path: String
  }

  /// Nothing recorded: every file is read whole.
  public static var none: RecordedFiles { RecordedFiles(inputs: [], lastInput: 0) }

  init(inputs: [RecordedInput], lastInput: Int64) {
    self.lastInput = lastInput
    var byFile: [FileKey: [String: RecordedInput]] = [:]
    var byPath: [PathKey: RecordedInput] = [:]
    for input in inputs {
      guard let device = input.device, let inode = input.inode else { continue }
      byFile[FileKey(device: device, inode: inode), default: [:]][input.server] = input
      byPath[PathKey(server: input.server, path: input.path)] = input
    }
    self.byFile = byFile.mapValues { Array($0.values) }
    self.byPath = byPath
  }

  /// The rows the planner needs: the latest of each server for each file and for each path.
  static func load(_ db: Database) throws -> RecordedFiles {
    let latest = """
      i.inode IS NOT NULL AND i.id IN (
        SELECT max(id) FROM inputs WHERE inode IS NOT NULL GROUP BY server, device, inode
        UNION SELECT max(id) FROM inputs WHERE inode IS NOT NULL GROUP BY server, path)
      """
    let rows = try Row.fetchAll(db, sql: try RecordedInput.query(db, where: latest))
    return RecordedFiles(
      inputs: try rows.map(RecordedInput.init),
      lastInput: try Int64.fetchOne(db, sql: "SELECT max(id) FROM inputs") ?? 0)
  }

  /// Where each file of a server starts: a `FilePlanner`.
  public var planner: FilePlanner {
    { [self] server, files in files.map { start(of: $0, server: server, among: files) } }
  }

  private func start(of file: FileIdentity, server: String, among files: [FileIdentity])
    -> FileStart
  {
    let rows = byFile[FileKey(device: file.device, inode: file.inode)] ?? []
    // The rows of this file: its first bytes are those recorded; a file that holds its own
    // server's log alone is that server's (another name is another server's history).
    let lineage = rows.filter { row in
      guard let count = row.prefixBytes, count <= file.prefix.count,
        file.prefixSHA256(count: count) == row.prefixSHA256
      else { return false }
      return row.server == server || Self.namesServers(row.summary.envelope)
    }
    guard let latest = lineage.max(by: { $0.id < $1.id }) else {
      return replaced(file, server: server) ?? .whole
    }
    guard let range = latest.summary.range else { return .whole }
    if file.size < range.readTo {
      return FileStart(restart: InputRestart(reason: .truncated, recordedBytes: range.readTo))
    }
    let first = lineage.compactMap(\.summary.firstEpochMilliseconds).min()
    // A compressed file is final: once read whole it is not read again, whatever it is named
    // now (logrotate renames `.2.gz` to `.3.gz`); the ledger names it by the path it was read by.
    if file.isCompressed {
      let isRecorded = range.readFrom == 0 && file.size == range.readTo
      return isRecorded ? FileStart(firstInstant: first, isSkipped: true) : .whole
    }
    if file.size == range.readTo && latest.path == file.path {
      return FileStart(firstInstant: first, isSkipped: true)
    }
    lock.withLock {
      continued[latest.id] = Dictionary(lineage.map { ($0.server, $0) }) { _, last in last }
    }
    return FileStart(
      offset: latest.offsetRead, lineBase: range.resumeLine,
      envelope: Envelope(name: latest.summary.envelope ?? "plain"), legacyYear: range.legacyYear,
      firstInstant: first, continues: latest.id)
  }

  /// The start of a file at a path whose recorded file had the same inode and other first
  /// bytes: truncated (and written again) when it is shorter than what was read of it,
  /// replaced (another file copied over it) otherwise; nil when that is not so.
  private func replaced(_ file: FileIdentity, server: String) -> FileStart? {
    guard let previous = byPath[PathKey(server: server, path: file.path)],
      previous.device == file.device, previous.inode == file.inode
    else { return nil }
    let read = previous.summary.range?.readTo ?? Int64(previous.summary.bytes)
    let reason: InputRestart.Reason = file.size < read ? .truncated : .replaced
    return FileStart(restart: InputRestart(reason: reason, recordedBytes: read))
  }

  /// True for an envelope that names the server of each line (compose, syslog).
  private static func namesServers(_ envelope: String?) -> Bool {
    envelope.flatMap(Envelope.init(name:))?.transport.namesServers ?? false
  }

  /// `readings` as the ledger records them: the counts of a file read on added to what its
  /// recorded part counted (less the part read again), its span widened; and, for each file
  /// read on, the lines read again, whose events the ledger may hold already.
  public func merged(_ readings: [ServerReading]) -> (
    readings: [ServerReading], overlaps: [ReadOverlap]
  ) {
    var overlaps: [ReadOverlap] = []
    let readings = readings.map { reading in
      var reading = reading
      for index in reading.inputs.indices {
        // The bytes the file had when it was read to its end.
        if let range = reading.inputs[index].range { reading.inputs[index].bytes = Int(range.readTo) }
        guard let range = reading.inputs[index].range, range.readFrom > 0,
          let continues = range.continues,
          let lineage = lock.withLock({ continued[continues] })
        else { continue }
        if let latest = lineage.values.first(where: { $0.id == continues }),
          let lastLine = latest.summary.range?.lastLine, range.lineBase < lastLine
        {
          overlaps.append(
            ReadOverlap(
              server: reading.server, path: reading.inputs[index].path,
              previousPath: latest.path, lines: (range.lineBase + 1)...lastLine))
        }
        if let base = lineage[reading.server] {
          reading.inputs[index] = Self.added(reading.inputs[index], to: base.summary)
        }
      }
      return reading
    }
    return (readings, overlaps)
  }

  /// `new`, read on from where `base` stopped, as the whole of the file read so far.
  private static func added(_ new: InputSummary, to base: InputSummary) -> InputSummary {
    var summary = new
    let recorded = InputFigures(base) - (base.range?.carried ?? InputFigures())
    (recorded + InputFigures(new)).apply(to: &summary)
    summary.firstEpochMilliseconds = [base.firstEpochMilliseconds, new.firstEpochMilliseconds]
      .compactMap { $0 }.min()
    summary.lastEpochMilliseconds = [base.lastEpochMilliseconds, new.lastEpochMilliseconds]
      .compactMap { $0 }.max()
    summary.legacyYearSource = base.legacyYearSource ?? new.legacyYearSource
    return summary
  }
}

/// Lines of a file that a run read again (the end of what the run before read, from where it
/// stopped): the events the ledger holds at them, under the path they were read by, are the
/// same events.
public struct ReadOverlap: Sendable, Equatable {
  public var server: String
  /// The file's path in this run.
  public var path: String
  /// Its path when the lines were recorded (before a rotation renamed it).
  public var previousPath: String
  public var lines: ClosedRange<Int>

  /// Creates an overlap.
  public init(server: String, path: String, previousPath: String, lines: ClosedRange<Int>) {
    self.server = server
    self.path = path
    self.previousPath = previousPath
    self.lines = lines
  }
}
