import Crypto
import Foundation
import TestSupport
import Testing

/// SPEC §11 "Incremental": a run with the ledger reads only the bytes the ledger has not yet
/// recorded, never cuts an entry in two, reads a truncated or replaced file again from the start
/// and says so, and reports what one audit of all the bytes would.
@Suite struct LedgerIncrementalTests {
  static let reportTime = AuditedCluster.time(20_000)

  /// The cluster of `LedgerHistoryTests`, its logs in `folder/live` up to `part` (0-based,
  /// inclusive) and whole in `folder/full`.
  static func cluster(in folder: TemporaryFolder, through part: Int) throws -> String {
    for server in LedgerHistoryTests.servers {
      let parts = LedgerHistoryTests.parts(server)
      _ = try folder.write("full/\(server)/messages.log", text: parts[0...part].joined())
      _ = try folder.write("live/\(server)/messages.log", text: parts[0])
    }
    return folder.path + "/live"
  }

  /// The audit of `folder` without a ledger, at `reportTime`.
  static func direct(_ folder: String, _ extra: [String] = []) throws -> Essence {
    let run = try CommandRunner.run(
      ["audit", folder, "--format", "json", "--tz", "UTC", "--report-time", reportTime] + extra)
    return try Essence(run.standardOutput)
  }

  /// The SHA-256 of bytes `from..<to` of the file at `path`, hex.
  static func sha256(_ path: String, from: Int, to: Int) throws -> String {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    return SHA256.hash(data: bytes[from..<to]).map { String(format: "%02x", $0) }.joined()
  }

  @Test func aRunAfterTheLogsGrewReadsOnlyTheNewBytesAndReportsTheAuditOfThemAll() throws {
    let folder = try TemporaryFolder()
    let live = try Self.cluster(in: folder, through: 1)
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let first = try ledger.audit(live, at: AuditedCluster.time(1030))
    #expect(first.status == 3 || first.status == 0, "\(first.standardError)")
    var stopped: [String: Int] = [:]
    for server in LedgerHistoryTests.servers {
      let log = "\(live)/\(server)/messages.log"
      stopped[log] = try #require(
        try ledger.integer("SELECT offset_read FROM inputs WHERE path = '\(log)'"))
      try LedgerFile.append(LedgerHistoryTests.parts(server)[1], to: log)
    }
    let events = try #require(try ledger.rowCounts()["events"])

    let second = try ledger.audit(live, at: Self.reportTime)
    let report = try Essence(second.standardOutput)
    #expect(report == (try Self.direct(folder.path + "/full")), "\(second.standardError)")
    #expect(report.verdicts == ["consistent", "inconsistent"])
    for input in report.inputs {
      let reading = try #require(input.reading, "\(input.path) was read whole again")
      let size = try #require(
        try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int)
      // The first run stopped at the start of its last entry, which the second read again.
      #expect(reading.from == stopped[input.path])
      #expect(reading.from > 0 && reading.from < size / 2, "\(reading)")
      #expect(reading.to == size && input.bytes == size)
      #expect(reading.sha256 == (try Self.sha256(input.path, from: reading.from, to: size)))
      #expect(input.sha256 == nil, "no whole-file hash: the run read a part of the file")
      #expect(input.unparsedLines == 0)
    }
    let ranges = try ledger.texts(
      "SELECT read_from || '-' || read_to FROM input_ranges WHERE run_id = 2 ORDER BY id")
    #expect(ranges.count == 2)
    // The last entry of the first run is read twice and recorded once.
    let added = try #require(try ledger.rowCounts()["events"]) - events
    #expect(added > 10)
    #expect(
      try ledger.integer(
        "SELECT count(*) FROM (SELECT server, time, kind FROM events GROUP BY server, time, kind HAVING count(*) > 1)"
      ) == 0)
    #expect(try ledger.verify().status == 0)
  }

  @Test func aRunOverUnchangedLogsReadsNothingAndRecordsItsRunAlone() throws {
    let folder = try TemporaryFolder()
    let live = try Self.cluster(in: folder, through: 0)
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let first = try ledger.audit(live, at: Self.reportTime)
    let counts = try ledger.rowCounts()
    let second = try ledger.audit(live, at: Self.reportTime, ["--verbose"])
    #expect(second.status == first.status, "\(second.standardError)")
    #expect(second.standardOutput == first.standardOutput)
    var expected = counts
    expected["runs", default: 0] += 1
    expected["run_rows", default: 0] += LedgerFile.tables.count - 2
    #expect(try ledger.rowCounts() == expected)
    // A file read says so with --verbose ("…messages.log: server master, zone UTC, …").
    #expect(!second.standardError.contains("messages.log: server"), "\(second.standardError)")
    #expect(second.standardError.contains("unchanged"), "\(second.standardError)")
  }

  @Test func aTruncatedLogIsReadAgainFromTheStartAndEveryReportSaysSo() throws {
    let folder = try TemporaryFolder()
    let log = try folder.write("live/ds1/messages.log", text: Self.log(freezesFrom: 100, count: 2))
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    _ = try ledger.audit(folder.path + "/live", at: Self.reportTime)
    let recorded = try #require(
      try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
    // logrotate's copytruncate: the log is copied aside, then truncated in place, and grows on.
    try FileManager.default.copyItem(atPath: log, toPath: log + ".1")
    let handle = try #require(FileHandle(forWritingAtPath: log))
    try handle.truncate(atOffset: 0)
    try handle.close()
    try LedgerFile.append(Self.log(freezesFrom: 9000, count: 1), to: log)
    _ = try folder.write("full/ds1/messages.log.1", text: Self.log(freezesFrom: 100, count: 2))
    _ = try folder.write("full/ds1/messages.log", text: Self.log(freezesFrom: 9000, count: 1))

    let markdown = folder.path + "/report.md"
    let html = folder.path + "/report.html"
    let run = try ledger.audit(
      folder.path + "/live", at: Self.reportTime,
      ["--write", "markdown=\(markdown)", "--write", "html=\(html)"])
    let report = try Essence(run.standardOutput)
    #expect(report == (try Self.direct(folder.path + "/full")), "\(run.standardError)")
    #expect(report.verdicts == ["consistent", "consistent", "consistent"])
    let truncated = try #require(report.inputs.first { $0.path == log && $0.reading != nil })
    #expect(truncated.reading?.from == 0)
    #expect(truncated.reading?.restart == "truncated")
    #expect(truncated.reading?.restartRecordedBytes == recorded)
    #expect(truncated.sha256 != nil, "read whole from the start: its hash is the file's")
    for path in [markdown, html] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("truncated"), "\(path)")
    }
    #expect(run.standardError.contains("truncated"), "\(run.standardError)")
    // The copy holds the events the ledger has: none is recorded twice.
    #expect(
      try ledger.integer("SELECT count(*) FROM events WHERE kind = 'freeze-begin'") == 3)
    #expect(try ledger.verify().status == 0)
  }

  @Test func aReplacedLogIsReadAgainFromTheStartAndTheReportSaysSo() throws {
    let folder = try TemporaryFolder()
    let log = try folder.write("live/ds1/messages.log", text: Self.log(freezesFrom: 100, count: 2))
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    _ = try ledger.audit(folder.path + "/live", at: Self.reportTime)
    // Another log copied over it (`cp other.log messages.log`): the same inode, another
    // beginning, and longer than what was read.
    let handle = try #require(FileHandle(forWritingAtPath: log))
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: Data(Self.log(freezesFrom: 9000, count: 3).utf8))
    try handle.close()
    let run = try ledger.audit(folder.path + "/live", at: Self.reportTime)
    let report = try Essence(run.standardOutput)
    let replaced = try #require(report.inputs.first { $0.path == log && $0.reading != nil })
    #expect(replaced.reading?.from == 0)
    #expect(replaced.reading?.restart == "replaced")
    // The replaced file's history stays: its two freezes and the three of the new one.
    #expect(report.verdicts.count == 5, "\(run.standardError)")
    #expect(try ledger.verify().status == 0)
  }

  @Test func anEntryWhoseContinuationComesAfterTheRunIsNotCutInTwo() throws {
    let folder = try TemporaryFolder()
    var head = TestLog()
    head.clusterFreeze(at: 100, checkpoint: 7)
    head.add(200, "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE", pid: 60, category: "Generic.Event")
    var tail = TestLog()
    tail.raw("Journaling switched to: /j/20210811.003")
    tail.clusterFreeze(at: 300, checkpoint: 8)
    let log = try folder.write("live/ds1/messages.log", text: head.text)
    _ = try folder.write("full/ds1/messages.log", text: head.text + tail.text)
    let entryStart = head.text.utf8.count - head.lines.last!.utf8.count - 1
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    _ = try ledger.audit(folder.path + "/live", at: Self.reportTime)
    try LedgerFile.append(tail.text, to: log)

    let run = try ledger.audit(folder.path + "/live", at: Self.reportTime)
    let report = try Essence(run.standardOutput)
    #expect(report == (try Self.direct(folder.path + "/full")), "\(run.standardError)")
    let input = try #require(report.inputs.first)
    #expect(input.reading?.from == entryStart, "read again from the start of the open entry")
    #expect(input.unparsedLines == 0, "the continuation joined its entry")
    #expect(
      try ledger.texts("SELECT journal_file FROM events WHERE kind = 'journal-switch'")
        == ["/j/20210811.003"])
  }

  @Test func aLineStillBeingWrittenIsLeftForTheNextRun() throws {
    let folder = try TemporaryFolder()
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    let whole = log.text
    let cut = whole.utf8.count - " system\n".utf8.count
    let path = try folder.write("live/ds1/messages.log", bytes: Array(Array(whole.utf8)[..<cut]))
    _ = try folder.write("full/ds1/messages.log", text: whole)
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    _ = try ledger.audit(folder.path + "/live", at: AuditedCluster.time(110))
    #expect(try ledger.rowCounts()["events"] == 0, "no event from a line cut short")
    #expect(try ledger.integer("SELECT offset_read FROM inputs") == whole.utf8.count - 1 - log.lines[1].utf8.count)
    try LedgerFile.append(" system\n", to: path)

    let run = try ledger.audit(folder.path + "/live", at: AuditedCluster.time(110))
    #expect(
      try ledger.texts("SELECT kind FROM events") == ["freeze-begin"], "\(run.standardError)")
    let direct = try CommandRunner.run(
      [
        "audit", folder.path + "/full", "--format", "json", "--tz", "UTC", "--report-time",
        AuditedCluster.time(110),
      ])
    #expect(try Essence(run.standardOutput) == Essence(direct.standardOutput))
  }

  /// One server's log with `count` clean freezes an hour apart from `second` on.
  static func log(freezesFrom second: Double, count: Int) -> String {
    var log = TestLog()
    log.noise(second - 50)
    for index in 0..<count {
      log.clusterFreeze(at: second + Double(index) * 3600, checkpoint: 40 + index)
    }
    log.noise(second + Double(count) * 3600)
    return log.text
  }
}
