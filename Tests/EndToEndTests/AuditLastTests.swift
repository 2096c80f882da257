import Foundation
import TestSupport
import Testing

/// `audit --last`: the verdict of the most recent session only, as one status line.
struct AuditLastTests {
  @Test func faultyMonthGivesTheVerdictOfItsLastSessionOnly() throws {
    let cluster = EventReading.packagePath("Samples/faulty-month")
    let full = try CommandRunner.run(["audit", cluster, "--format", "json"])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(full.standardOutput.utf8)) as? [String: Any])
    let sessions = try #require(document["sessions"] as? [[String: Any]])
    let last = try #require(sessions.max { ($0["start"] as! String) < ($1["start"] as! String) })
    let lastID = try #require(last["id"] as? String)
    let findings = try #require(document["findings"] as? [[String: Any]])
    let severities = Set(
      findings.filter { $0["session"] as? String == lastID }.compactMap { $0["severity"] as? String })
    // The whole month holds critical findings; what --last says depends on the last one alone.
    let expected =
      severities.contains("critical") ? (2, "CRITICAL")
      : severities.contains("unknown") ? (3, "UNKNOWN")
      : severities.contains("warning") ? (1, "WARNING") : (0, "OK")

    let result = try CommandRunner.run(["audit", "--last", cluster])
    #expect(result.status == Int32(expected.0), "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("\(expected.1) \(lastID): ") == true)
  }

  @Test func lastWithAFormatReportsTheOneSession() throws {
    let result = try CommandRunner.run([
      "audit", "--last", EventReading.packagePath("Samples/faulty-month"), "--format", "json",
    ])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let sessions = try #require(document["sessions"] as? [[String: Any]])
    #expect(sessions.count == 1)
    let findings = try #require(document["findings"] as? [[String: Any]])
    #expect(findings.allSatisfy { $0["session"] as? String == sessions[0]["id"] as? String })
  }

  @Test func aLaterGoodBackupClearsAnEarlierAlreadyResumed() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "vm1/messages.log",
      text: """
        08/10/21-05:00:00:000 (1) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
        08/10/21-05:00:01:000 (1) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended
        08/10/21-05:10:01:000 (1) 0 [Utility.Event] Backup.General.ExternalThaw: Resuming system
        08/10/21-05:10:01:100 (1) 0 [Utility.Event] Backup.General.ExternalThaw: Already resumed
        08/11/21-05:00:00:000 (2) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
        08/11/21-05:00:01:000 (2) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended
        08/11/21-05:01:00:000 (3) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed

        """)
    let path = folder.path + "/vm1"
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC"]).status == 2)
    let last = try CommandRunner.run(["audit", "--last", path, "--tz", "UTC"])
    #expect(last.status == 0, "\(last.standardOutput)")
    #expect(last.standardOutput.hasPrefix("OK 20210811T050000Z-instance-freeze: consistent"))
  }

  @Test func noSessionIsUnknown() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "vm1/messages.log",
      text: "08/11/21-05:00:00:000 (1) 0 [Generic.Event] Journal file switched\n")
    let result = try CommandRunner.run(["audit", "--last", folder.path + "/vm1", "--tz", "UTC"])
    #expect(result.status == 3)
    #expect(result.standardOutput == "UNKNOWN: insufficient-evidence: no backup session in the audited logs\n")
  }
}
