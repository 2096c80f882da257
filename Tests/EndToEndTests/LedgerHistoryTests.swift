import Foundation
import TestSupport
import Testing

/// Issue 18's "Done when": a cron run in the middle of a backup, a rotation, a purge of the
/// rotated file and two more runs leave a ledger whose report equals the audit of all the logs,
/// and a rerun changes nothing. The expected report is the binary's direct audit of the whole
/// logs, kept in another folder; the ledger code has no part in it.
@Suite struct LedgerHistoryTests {
  static let servers = ["master", "shard1"]

  /// One server's log in four parts, in the order they reach the disk: up to a cluster freeze
  /// still frozen at 1030 s; its thaw, a clean day and a freeze at 5000 s whose thaw on the
  /// shard finds the system already resumed; after the rotation, a freeze at 9000 s held past
  /// the 600 s timeout; a clean freeze at 14000 s.
  static func parts(_ server: String) -> [String] {
    let offset = server == "master" ? 0 : 0.2
    var frozen = TestLog()
    frozen.noise(0)
    frozen.add(1000 + offset, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    frozen.internalCheckpoint(at: 1000.1 + offset, checkpoint: 41, pid: 200)
    frozen.add(1000.5 + offset, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    var rest = TestLog()
    rest.add(1059.9 + offset, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    rest.add(1060 + offset, "Backup.General.ExternalThaw: System resumed", pid: 201)
    rest.noise(2000)
    rest.clusterFreeze(
      at: 5000 + offset, checkpoint: 42,
      thaw: server == "master"
        ? "Backup.General.ExternalThaw: System resumed"
        : "Backup.General.ExternalThaw: Already resumed")
    rest.noise(6000)
    var rotated = TestLog()
    rotated.noise(7000)
    rotated.clusterFreeze(at: 9000 + offset, duration: 700, checkpoint: 43)
    var last = TestLog()
    last.clusterFreeze(at: 14000 + offset, checkpoint: 44)
    last.noise(16000)
    return [frozen.text, rest.text, rotated.text, last.text]
  }

  /// The report time of the final reports: long after every log line.
  static let reportTime = AuditedCluster.time(20_000)

  @Test func theLedgerOfRunsOverRotatedAndPurgedLogsReportsTheAuditOfAllTheLogs() throws {
    let folder = try TemporaryFolder()
    for server in Self.servers {
      _ = try folder.write("full/\(server)/messages.log", text: Self.parts(server).joined())
      _ = try folder.write("live/\(server)/messages.log", text: Self.parts(server)[0])
    }
    let live = folder.path + "/live"
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    // 1. The cron run during the backup: both servers frozen, the session in progress.
    let first = try record(live, ledger, at: AuditedCluster.time(1030))
    #expect(first.verdicts == ["in-progress"], "\(first.standardError)")
    var recorded: [String: Int] = [:]
    for input in first.inputs {
      #expect(input.reading == nil, "a first reading reads the whole file")
      recorded[input.path] = try ledger.integer(
        "SELECT offset_read FROM inputs WHERE path = '\(input.path)' ORDER BY id DESC LIMIT 1")
    }
    // 2. The rest of the log, then the rotation: IRIS renames the log and starts a new one.
    for server in Self.servers {
      let log = "\(live)/\(server)/messages.log"
      try LedgerFile.append(Self.parts(server)[1], to: log)
      try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
      _ = try folder.write("live/\(server)/messages.log", text: Self.parts(server)[2])
    }
    let second = try record(live, ledger, at: AuditedCluster.time(10_000))
    #expect(second.verdicts.first == "consistent", "the thaw a later run read ends the freeze")
    // The renamed file is read on from where the ledger stopped, not read again.
    for server in Self.servers {
      let log = "\(live)/\(server)/messages.log"
      let renamed = try #require(second.inputs.first { $0.path == log + ".1" })
      let reading = try #require(renamed.reading, "\(log).1 was read whole again")
      #expect(reading.from == recorded[log] && reading.from > 0)
      #expect(reading.to == renamed.bytes)
      #expect(renamed.sha256 == nil, "no whole-file hash for a file read in part")
      let new = try #require(second.inputs.first { $0.path == log })
      #expect(new.reading == nil && new.sha256 != nil, "the new log is read whole")
    }
    // 3. The rotated file is purged, the log grows, and two more runs read what is left.
    for server in Self.servers {
      try FileManager.default.removeItem(atPath: "\(live)/\(server)/messages.log.1")
      try LedgerFile.append(Self.parts(server)[3], to: "\(live)/\(server)/messages.log")
    }
    _ = try record(live, ledger, at: Self.reportTime)
    let counts = try ledger.rowCounts()
    let report = try CommandRunner.run(
      ["report", "--ledger", ledger.path, "--format", "json", "--report-time", Self.reportTime])
    _ = try record(live, ledger, at: Self.reportTime)

    let direct = try CommandRunner.run(
      [
        "audit", folder.path + "/full", "--format", "json", "--tz", "UTC", "--report-time",
        Self.reportTime,
      ])
    let expected = try Essence(direct.standardOutput)
    #expect(expected.verdicts == ["consistent", "inconsistent", "inconsistent", "consistent"])
    #expect(
      expected.rules.contains("already-resumed")
        && expected.rules.contains("freeze-timeout-exceeded"))
    #expect(report.status == direct.status, "\(report.standardError)")
    #expect(try Essence(report.standardOutput) == expected)
    // A period of the history: the same as the direct audit of that period.
    let period = ["--since", AuditedCluster.time(8000), "--until", AuditedCluster.time(12_000)]
    let directPeriod = try CommandRunner.run(
      [
        "audit", folder.path + "/full", "--format", "json", "--tz", "UTC", "--report-time",
        Self.reportTime,
      ]
        + period)
    let reportPeriod = try CommandRunner.run(
      ["report", "--ledger", ledger.path, "--format", "json", "--report-time", Self.reportTime]
        + period)
    #expect(try Essence(directPeriod.standardOutput).verdicts == ["inconsistent"])
    #expect(try Essence(reportPeriod.standardOutput) == Essence(directPeriod.standardOutput))
    // The rerun added its run and nothing else, and the report is the same, byte for byte.
    var afterRerun = counts
    afterRerun["runs", default: 0] += 1
    afterRerun["run_rows", default: 0] += LedgerFile.tables.count - 2
    #expect(try ledger.rowCounts() == afterRerun)
    let again = try CommandRunner.run(
      ["report", "--ledger", ledger.path, "--format", "json", "--report-time", Self.reportTime])
    #expect(again.standardOutput == report.standardOutput)
    let verified = try ledger.verify()
    #expect(verified.status == 0, "\(verified.standardError)")
    #expect(verified.standardOutput.contains("4 runs"))
  }

  @Test func aRunWithTheLedgerReportsExactlyWhatTheAuditWithoutItReports() throws {
    let folder = try TemporaryFolder()
    for server in Self.servers {
      _ = try folder.write("\(server)/messages.log", text: Self.parts(server).joined())
    }
    let arguments = [
      "audit", folder.path, "--format", "json", "--tz", "UTC", "--report-time", Self.reportTime,
    ]
    let plain = try CommandRunner.run(arguments)
    let recorded = try CommandRunner.run(arguments + ["--ledger", folder.path + "/audit.ledger"])
    #expect(recorded.status == plain.status)
    #expect(recorded.standardOutput == plain.standardOutput)
    #expect(try LedgerFile(path: folder.path + "/audit.ledger").rowCounts()["runs"] == 1)
  }

  @Test func aReportJudgesAnOpenBackupAtItsReportTimeNeverBeforeIt() throws {
    let folder = try TemporaryFolder()
    for server in Self.servers {
      _ = try folder.write("\(server)/messages.log", text: Self.parts(server)[0])
    }
    let ledger = folder.path + "/audit.ledger"
    _ = try record(folder.path, LedgerFile(path: ledger), at: AuditedCluster.time(1030))
    let during = try Essence(
      try CommandRunner.run(
        [
          "report", "--ledger", ledger, "--format", "json", "--report-time",
          AuditedCluster.time(1100),
        ]
      ).standardOutput)
    let after = try Essence(
      try CommandRunner.run(
        [
          "report", "--ledger", ledger, "--format", "json", "--report-time",
          AuditedCluster.time(3000),
        ]
      ).standardOutput)
    #expect(during.verdicts == ["in-progress"])
    #expect(!during.rules.contains("never-thawed"))
    #expect(after.rules.contains("never-thawed"))
  }

  @Test func theCentralAuditOfEventsRecordsTheSameHistory() throws {
    let folder = try TemporaryFolder()
    for server in Self.servers {
      _ = try folder.write("\(server)/messages.log", text: Self.parts(server).joined())
    }
    let events = try CommandRunner.run(["events", folder.path, "--tz", "UTC"])
    #expect(events.status == 0, "\(events.standardError)")
    let records = try folder.write("host.jsonl", text: events.standardOutput)
    let ledger = folder.path + "/central.ledger"
    let central = try CommandRunner.run(
      [
        "audit", "--events", records, "--ledger", ledger, "--format", "json", "--report-time",
        Self.reportTime,
      ])
    let report = try CommandRunner.run(
      ["report", "--ledger", ledger, "--format", "json", "--report-time", Self.reportTime])
    #expect(report.status == central.status, "\(report.standardError)")
    #expect(try Essence(report.standardOutput) == Essence(central.standardOutput))
    #expect(try Essence(report.standardOutput).verdicts.count == 4)
  }

  /// `audit FOLDER --ledger` at `time`, its JSON report decoded.
  private func record(_ folder: String, _ ledger: LedgerFile, at time: String) throws -> Essence {
    let run = try ledger.audit(folder, at: time)
    var essence = try Essence(run.standardOutput)
    essence.standardError = run.standardError
    return essence
  }
}

/// What two audits of the same events must agree on: sessions, findings (their evidence by
/// text: the paths and lines of a rotated file differ), servers' coverage and the summary.
struct Essence: Equatable {
  var sessions: String
  var findings: String
  var servers: String
  var summary: String
  var verdicts: [String]
  var rules: [String]
  /// Not compared: what the run said, and what it read.
  var standardError = ""
  var inputs: [ReportedInput]

  init(_ report: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(report.utf8))
    let document = try #require(
      object as? [String: Any], "not a JSON report: \(report.prefix(200))")
    let sessions = document["sessions"] as? [[String: Any]] ?? []
    var findings = document["findings"] as? [[String: Any]] ?? []
    for index in findings.indices {
      let evidence = findings[index]["evidence"] as? [[String: Any]] ?? []
      findings[index]["evidence"] = evidence.map { $0["text"] ?? "" }
    }
    self.sessions = try Self.text(sessions)
    self.findings = try Self.text(findings)
    servers = try Self.text(document["servers"] ?? [])
    summary = try Self.text(document["summary"] ?? [:])
    verdicts = sessions.map { $0["verdict"] as? String ?? "?" }
    rules = findings.map { $0["rule"] as? String ?? "?" }
    inputs = (document["inputs"] as? [[String: Any]] ?? []).map(ReportedInput.init)
  }

  static func == (left: Essence, right: Essence) -> Bool {
    (left.sessions, left.findings, left.servers, left.summary)
      == (right.sessions, right.findings, right.servers, right.summary)
  }

  private static func text(_ value: Any) throws -> String {
    String(
      decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
      as: UTF8.self)
  }
}

/// An input of a JSON report, with how the ledger read it (`inputs[].reading`, schema 1.3).
struct ReportedInput: Equatable {
  /// `inputs[].reading`: the bytes the latest run that read the file read.
  struct Reading: Equatable {
    var from: Int
    var to: Int
    var sha256: String?
    var recordedTo: Int
    var restart: String?
    var restartRecordedBytes: Int?
  }

  var path: String
  var bytes: Int
  var sha256: String?
  var entries: Int
  var unparsedLines: Int
  var containerLines: Int
  var envelope: String
  var reading: Reading?

  /// Where the ledger stopped: `reading.recorded_to`, or nil when the report has no reading.
  var recordedTo: Int? { reading?.recordedTo }

  init(_ object: [String: Any]) {
    path = object["path"] as? String ?? ""
    bytes = object["bytes"] as? Int ?? -1
    sha256 = object["sha256"] as? String
    entries = object["entries"] as? Int ?? -1
    unparsedLines = object["unparsed_lines"] as? Int ?? -1
    containerLines = object["container_lines"] as? Int ?? -1
    envelope = object["envelope"] as? String ?? ""
    if let reading = object["reading"] as? [String: Any] {
      let restart = reading["restart"] as? [String: Any]
      self.reading = Reading(
        from: reading["from"] as? Int ?? -1, to: reading["to"] as? Int ?? -1,
        sha256: reading["sha256"] as? String, recordedTo: reading["recorded_to"] as? Int ?? -1,
        restart: restart?["reason"] as? String,
        restartRecordedBytes: restart?["recorded_bytes"] as? Int)
    }
  }
}
