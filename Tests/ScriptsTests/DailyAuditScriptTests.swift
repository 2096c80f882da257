import Foundation
import TestSupport
import Testing

/// `Samples/cron/daily-audit.sh` run with bash over the bundled sample clusters.
struct DailyAuditScriptTests {
  /// The reports, the textfile folder and the script's run.
  struct Outcome {
    var run: ScriptRun
    var reportRoot: String
    var textfileFolder: String
  }

  static func audit(_ cluster: String, _ folder: TemporaryFolder) throws -> Outcome {
    let binary = try #require(
      ScriptRunner.auditBinary, "no built iris-backup-audit next to the test bundle")
    let outcome = Outcome(
      run: try ScriptRunner.runScript(
        "cron/daily-audit.sh",
        environment: [
          "CLUSTER_DIR": cluster,
          "REPORT_ROOT": folder.path + "/reports",
          "TEXTFILE_DIR": folder.path + "/textfile",
          "IRIS_BACKUP_AUDIT": binary,
          // The samples are from 2021: audit all they hold, not the last 26 hours.
          "AUDIT_SINCE": "",
        ],
        scratch: folder.path),
      reportRoot: folder.path + "/reports", textfileFolder: folder.path + "/textfile")
    return outcome
  }

  /// The UTC dates a run that started at `start` and ended now may have named its folder.
  static func runDates(since start: Date) -> Set<String> {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return [formatter.string(from: start), formatter.string(from: Date())]
  }

  @Test(arguments: [("faulty-month", Int32(2)), ("clean-week", Int32(0))])
  func writesEveryReportIntoTheDatedFolderAndExitsWithTheAudit(
    sample: String, status: Int32
  ) throws {
    let folder = try TemporaryFolder()
    let start = Date()
    let outcome = try Self.audit(ScriptRunner.sample(sample), folder)
    #expect(outcome.run.status == status, "\(outcome.run.standardError)")
    let days = try FileManager.default.contentsOfDirectory(atPath: outcome.reportRoot)
    #expect(days.count == 1)
    let day = try #require(days.first)
    #expect(Self.runDates(since: start).contains(day), "\(day)")
    let dayFolder = outcome.reportRoot + "/" + day
    // Exactly the three reports: no temporary file left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dayFolder).sorted()
        == ["report.html", "report.json", "report.md"])
    let json = try Data(contentsOf: URL(fileURLWithPath: dayFolder + "/report.json"))
    let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    let summary = try #require(document["summary"] as? [String: Any])
    #expect(summary["exit_code"] as? Int == Int(status))
    for report in ["report.md", "report.html"] {
      let text = try String(contentsOfFile: dayFolder + "/" + report, encoding: .utf8)
      #expect(!text.isEmpty, "\(report)")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: outcome.textfileFolder)
        == ["iris_backup_audit.prom"])
    let metrics = try String(
      contentsOfFile: outcome.textfileFolder + "/iris_backup_audit.prom", encoding: .utf8)
    // At least one sample: `name{labels} value`, no timestamp.
    let samples = metrics.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(!samples.isEmpty)
    for sample in samples {
      #expect(
        sample.wholeMatch(of: #/[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [^ ]+/#) != nil, "\(sample)")
    }
  }

  @Test func missingClusterFolderExitsThreeAndWritesNothing() throws {
    let folder = try TemporaryFolder()
    let outcome = try Self.audit(folder.path + "/no-such-cluster", folder)
    #expect(outcome.run.status == 3)
    #expect(outcome.run.standardError.contains("CONFIGURATION ERROR"))
    #expect(!FileManager.default.fileExists(atPath: outcome.reportRoot))
  }

  @Test func everyRunIsRecordedInTheLedgerBesideTheReports() throws {
    let folder = try TemporaryFolder()
    let binary = try #require(ScriptRunner.auditBinary)
    for _ in 0..<2 {
      let outcome = try Self.audit(ScriptRunner.sample("clean-week"), folder)
      #expect(outcome.run.status == 0, "\(outcome.run.standardError)")
    }
    let ledger = folder.path + "/ledger.sqlite"
    let verify = try ScriptRunner.run(binary, ["ledger", "verify", ledger], environment: [:], scratch: folder.path)
    #expect(verify.status == 0, "\(verify.standardError)")
    #expect(verify.standardOutput.contains("intact; 2 runs"))
    // The ledger alone gives the day's report: the same sessions as the JSON the script kept.
    let day = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/reports").first)
    let kept = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/reports/\(day)/report.json")))
        as? [String: Any])
    let report = try ScriptRunner.run(
      binary, ["report", "--ledger", ledger, "--format", "json"], environment: [:], scratch: folder.path)
    let history = try #require(
      try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
    let ids = { (document: [String: Any]) in
      (document["sessions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
    #expect(!ids(kept).isEmpty)
    #expect(ids(history) == ids(kept))
  }

  @Test func theNextDaysRunReadsOnlyWhatTheLogsGained() throws {
    let folder = try TemporaryFolder()
    let cluster = folder.path + "/cluster"
    try FileManager.default.copyItem(atPath: ScriptRunner.sample("clean-week"), toPath: cluster)
    #expect(try Self.audit(cluster, folder).run.status == 0)
    let log = cluster + "/master/messages.log"
    let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
    let line = "08/12/21-06:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.\n"
    let handle = try #require(FileHandle(forWritingAtPath: log))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(line.utf8))
    try handle.close()
    let next = try Self.audit(cluster, folder)
    #expect(next.run.status == 0, "\(next.run.standardError)")
    let day = try #require(try FileManager.default.contentsOfDirectory(atPath: next.reportRoot).first)
    let report = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: "\(next.reportRoot)/\(day)/report.json")))
        as? [String: Any])
    let inputs = report["inputs"] as? [[String: Any]] ?? []
    let master = try #require(inputs.first { $0["path"] as? String == log })
    let reading = try #require(master["reading"] as? [String: Any], "read whole again")
    #expect((reading["from"] as? Int ?? 0) > size / 2)
    #expect(reading["to"] as? Int == size + line.utf8.count)
    // The other files did not change: no run read them again.
    #expect(inputs.filter { $0["reading"] != nil }.count == 1)
  }
}
