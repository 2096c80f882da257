import Foundation
import TestSupport
import Testing

struct AuditCommandTests {
  @Test func cleanWeekExitsZeroWithAReportOnStandardOutputOnly() throws {
    let result = try CommandRunner.run(["audit", EventReading.packagePath("Samples/clean-week")])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("ok · exit 0"))
    #expect(result.standardError.isEmpty)
  }

  @Test func faultyMonthExitsTwoAndWritesJSONToo() throws {
    let folder = try TemporaryFolder()
    let json = folder.path + "/report.json"
    let result = try CommandRunner.run([
      "audit", EventReading.packagePath("Samples/faulty-month"), "--rpo", "36h", "--format", "json",
      "--write", "text=\(folder.path)/report.txt", "--write", "json=\(json)",
      "--report-time", "2021-11-10T00:00:00Z",
    ])
    #expect(result.status == 2)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let summary = try #require(document["summary"] as? [String: Any])
    #expect(summary["exit_code"] as? Int == 2)
    #expect(summary["status"] as? String == "critical")
    #expect(try String(contentsOfFile: json, encoding: .utf8) == result.standardOutput)
    #expect(FileManager.default.fileExists(atPath: folder.path + "/report.txt"))
  }

  @Test func sameInputGivesTheSameBytes() throws {
    let arguments = [
      "audit", EventReading.packagePath("Samples/faulty-month"), "--format", "json", "--report-time",
      "2021-11-10T00:00:00Z",
    ]
    #expect(try CommandRunner.run(arguments).standardOutput == CommandRunner.run(arguments).standardOutput)
  }

  @Test func failOnCriticalIgnoresWarnings() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "vm1/messages.log",
      text: """
        08/11/21-05:00:00:000 (1) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
        08/11/21-05:00:00:100 (1) 1 [Utility.Event] Backup.General.ExternalFreeze: Warning, /db/x/ is not being journalled
        08/11/21-05:00:01:000 (1) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended
        08/11/21-05:01:00:000 (2) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed

        """)
    let path = folder.path + "/vm1"
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC"]).status == 1)
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC", "--fail-on", "critical"]).status == 0)
  }

  @Test func unreadableInputAndInvalidUsageExitThree() throws {
    let missing = try CommandRunner.run(["audit", "/nonexistent/cluster"])
    #expect(missing.status == 3)
    #expect(missing.standardError.contains("/nonexistent/cluster"))
    #expect(try CommandRunner.run(["audit", "x", "--format", "bogus"]).status == 3)
    #expect(try CommandRunner.run(["audit", "x", "--freeze-timeout", "ten minutes"]).status == 3)
  }

  @Test func rulesListsAndExplains() throws {
    let list = try CommandRunner.run(["rules"])
    #expect(list.status == 0)
    // One line per rule of SPEC §5, the three of the in-progress and zone semantics included.
    let ids = list.standardOutput.split(separator: "\n").map { $0.split(separator: " ")[0] }
    #expect(ids.count == 22)
    for rule in ["thaw-unconfirmed", "unrecognised-backup-message", "zone-mismatch"] {
      #expect(ids.contains(Substring(rule)))
      let explained = try CommandRunner.run(["rules", rule])
      #expect(explained.standardOutput.contains("remedy:"), "\(rule)")
    }
    let one = try CommandRunner.run(["rules", "already-resumed"])
    #expect(one.standardOutput.contains("remedy:"))
    #expect(try CommandRunner.run(["rules", "no-such-rule"]).status == 3)
  }
}
