import Foundation
import TestSupport
import Testing

/// `Samples/azure-backup/prescript.sh` and `postScript.sh`, run with bash against a stand-in
/// `iris` that answers and logs as IRIS does, and the built `iris-backup-audit`.
struct AzureBackupScriptTests {
  static let freeze = "##Class(Backup.General).ExternalFreeze()"
  static let thaw = "##Class(Backup.General).ExternalThaw()"

  /// An earlier backup whose write daemon resumed on its own ("Already resumed"), which
  /// `audit --last` must leave out when it audits the next one.
  static let earlierFailedBackup = """
    03/09/24-01:59:58:412 (18001) 0 [Generic.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE
    Journaling switched to: /iris/journal1/20240309.001
    03/09/24-02:00:00:000 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
    03/09/24-02:00:00:097 (18374) 0 [Generic.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE
    Journaling switched to: /iris/journal1/20240309.002
    03/09/24-02:00:00:098 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Start a journal restore for this backup with journal file: /iris/journal1/20240309.002
    03/09/24-02:00:00:099 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended
    03/09/24-02:03:03:099 (12662) 1 [Utility.Event] Write daemon suspension limit (WDSuspendLimit=183) reached: write daemon restarted without ExternalThaw
    03/09/24-02:05:00:100 (18390) 0 [Utility.Event] Backup.General.ExternalThaw: Resuming system
    03/09/24-02:05:00:138 (18390) 0 [Utility.Event] Backup.General.ExternalThaw: Already resumed
    03/09/24-14:12:40:221 (25221) 0 [Utility.Event] LMF Info:  Licensed for 32 users.

    """

  /// A backup whose thaw comes `seconds` after the freeze: pre-script, then post-script.
  static func backup(
    frozenFor seconds: Int, _ instance: StandInInstance, pre: [String: String] = [:],
    post: [String: String] = [:]
  ) throws -> (pre: ScriptRun, post: ScriptRun) {
    let preRun = try instance.runPreScript(pre)
    var post = post
    post["STANDIN_ADVANCE"] = String(seconds)
    return (preRun, try instance.runPostScript(post))
  }

  /// The audit's status line as the post-script logged it (`OK …`, `CRITICAL …`), or nil.
  static func auditStatusLine(_ instance: StandInInstance) throws -> String? {
    for line in try instance.lines(instance.postScriptLog) {
      guard let range = line.range(of: "postScript:   audit: ") else { continue }
      let text = String(line[range.upperBound...])
      if ["OK", "WARNING", "CRITICAL", "UNKNOWN"].contains(where: { text.hasPrefix($0 + " ") }) {
        return text
      }
    }
    return nil
  }

  /// Expects every line of the log at `path` to begin with a UTC timestamp and the script's name.
  static func expectTimestamped(_ path: String, _ instance: StandInInstance) throws {
    let lines = try instance.lines(path)
    #expect(!lines.isEmpty)
    for line in lines {
      #expect(
        line.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (prescript|postScript): .+/#) != nil,
        "\(line)")
    }
  }

  @Test func goodBackupPassesBothScriptsAndTheAuditSaysOK() throws {
    let instance = try StandInInstance(messages: Self.earlierFailedBackup)
    let (pre, post) = try Self.backup(frozenFor: 20, instance)
    #expect(pre.status == 0, "\(pre.standardOutput)\(pre.standardError)")
    #expect(post.status == 0, "\(post.standardOutput)\(post.standardError)")
    #expect(
      try instance.calls() == [
        "iris session IRIS -U%SYS \(Self.freeze)", "iris session IRIS -U%SYS \(Self.thaw)",
      ])
    #expect(!instance.isFrozen)
    #expect(
      try instance.lines(instance.preScriptLog).contains {
        $0.hasSuffix("SYSTEM IS FROZEN (ExternalFreeze exited with 5)")
      })
    let status = try #require(try Self.auditStatusLine(instance), "\(post.standardOutput)")
    #expect(status.hasPrefix("OK "))
    // The session just taken, not the failed one of 2024-03-09.
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd"
    formatter.timeZone = TimeZone(identifier: "UTC")
    let today = formatter.string(from: Date(timeIntervalSince1970: Double(instance.start)))
    #expect(status.contains(today) && !status.contains("20240309"), "\(status)")
    #expect(
      try instance.lines(instance.postScriptLog).contains {
        $0.contains("BACKUP IS CONSISTENT (audit exited with 0)")
      })
    try Self.expectTimestamped(instance.preScriptLog, instance)
    try Self.expectTimestamped(instance.postScriptLog, instance)
    #expect(post.standardOutput.contains("audit: OK "))
    // The whole log is not consistent: only --last makes the post-script pass.
    let binary = try #require(ScriptRunner.auditBinary)
    let whole = try ScriptRunner.run(
      binary, ["audit", "--tz", "UTC", instance.messagesLog], environment: [:],
      scratch: instance.folder.path)
    #expect(whole.status == 2)
  }

  @Test func failedFreezeIsThawedAndFailsThePreScript() throws {
    let instance = try StandInInstance()
    let pre = try instance.runPreScript(["STANDIN_FREEZE": "fail"])
    #expect(pre.status == 1)
    #expect(
      try instance.calls() == [
        "iris session IRIS -U%SYS \(Self.freeze)", "iris session IRIS -U%SYS \(Self.thaw)",
      ])
    #expect(!instance.isFrozen)
    let log = try instance.lines(instance.preScriptLog)
    #expect(
      log.contains {
        $0.hasSuffix("prescript: SYSTEM FREEZE FAILED (ExternalFreeze exited with 3)")
      })
    #expect(log.contains { $0.hasSuffix("prescript: ExternalThaw exited with 1") })
    #expect(pre.standardOutput.contains("SYSTEM FREEZE FAILED"))
    #expect(
      try instance.lines(instance.messagesLog).last?.hasSuffix("ExternalThaw: Already resumed")
        == true)
    try Self.expectTimestamped(instance.preScriptLog, instance)
  }

  @Test func freezeThatCannotRunFailsThePreScriptAfterAThawAttempt() throws {
    let instance = try StandInInstance()
    let pre = try instance.runPreScript(["IRIS_COMMAND": instance.folder.path + "/bin/absent"])
    #expect(pre.status == 2)
    #expect(try instance.calls().isEmpty)
    let log = try instance.lines(instance.preScriptLog)
    #expect(log.contains { $0.contains("SYSTEM FREEZE FAILED: ExternalFreeze exited with 127") })
    #expect(log.contains { $0.hasSuffix("prescript: ExternalThaw exited with 127") })
  }

  @Test func alreadyResumedFailsThePostScript() throws {
    let instance = try StandInInstance()
    // The write daemon resumes on its own 183 s into the freeze; the thaw comes at 300 s.
    let (pre, post) = try Self.backup(
      frozenFor: 300, instance, post: ["STANDIN_SUSPEND_LIMIT": "183"])
    #expect(pre.status == 0)
    #expect(post.status == 2, "\(post.standardOutput)\(post.standardError)")
    #expect(
      try instance.lines(instance.messagesLog).last?.hasSuffix("ExternalThaw: Already resumed")
        == true)
    let status = try #require(try Self.auditStatusLine(instance), "\(post.standardOutput)")
    #expect(status.hasPrefix("CRITICAL "))
    #expect(
      try instance.lines(instance.postScriptLog).contains {
        $0.contains("BACKUP NOT CONSISTENT (audit exited with 2): CRITICAL ")
      })
    try Self.expectTimestamped(instance.postScriptLog, instance)
  }

  @Test func freezePastTheTimeoutFailsThePostScript() throws {
    let instance = try StandInInstance()
    let (pre, post) = try Self.backup(frozenFor: 700, instance)
    #expect(pre.status == 0)
    #expect(post.status == 2, "\(post.standardOutput)\(post.standardError)")
    #expect(
      try instance.lines(instance.messagesLog).last?.hasSuffix("ExternalThaw: System resumed")
        == true)
    let status = try #require(try Self.auditStatusLine(instance), "\(post.standardOutput)")
    #expect(status.hasPrefix("CRITICAL "))
    #expect(
      try instance.lines(instance.postScriptLog).contains {
        $0.contains("BACKUP NOT CONSISTENT (audit exited with 2)")
      })
  }

  @Test(arguments: [("critical", Int32(0)), ("warning", Int32(2))])
  func freezeNearTheTimeoutFailsOnlyWhenWarningsDo(failOn: String, status: Int32) throws {
    let instance = try StandInInstance()
    // 500 s: past 80 % of the 600 s timeout, not past it.
    let (pre, post) = try Self.backup(frozenFor: 500, instance, post: ["AUDIT_FAIL_ON": failOn])
    #expect(pre.status == 0)
    #expect(post.status == status, "\(post.standardOutput)\(post.standardError)")
    let line = try #require(try Self.auditStatusLine(instance), "\(post.standardOutput)")
    #expect(line.hasPrefix("WARNING "))
    #expect(post.standardOutput.contains("--fail-on \(failOn)"))
  }

  @Test func longerFreezeTimeoutGoesToIRISAndToTheAudit() throws {
    let instance = try StandInInstance()
    let settings = ["FREEZE_TIMEOUT": "900"]
    let (pre, post) = try Self.backup(frozenFor: 700, instance, pre: settings, post: settings)
    #expect(pre.status == 0)
    #expect(post.status == 0, "\(post.standardOutput)\(post.standardError)")
    #expect(
      try instance.calls().first
        == "iris session IRIS -U%SYS ##Class(Backup.General).ExternalFreeze(,,,,,,900)")
    #expect(try Self.auditStatusLine(instance)?.hasPrefix("OK ") == true)
  }

  @Test func invalidFreezeTimeoutFreezesNothing() throws {
    let instance = try StandInInstance()
    let pre = try instance.runPreScript(["FREEZE_TIMEOUT": "10m"])
    #expect(pre.status == 2)
    #expect(try instance.calls().isEmpty)
    #expect(pre.standardOutput.contains("CONFIGURATION ERROR: FREEZE_TIMEOUT"))
  }

  @Test func failedThawFailsThePostScript() throws {
    let instance = try StandInInstance()
    let (pre, post) = try Self.backup(frozenFor: 20, instance, post: ["STANDIN_THAW": "fail"])
    #expect(pre.status == 0)
    #expect(post.status == 1, "\(post.standardOutput)\(post.standardError)")
    #expect(instance.isFrozen)
    #expect(
      try instance.lines(instance.postScriptLog).contains {
        $0.hasSuffix(
          "SYSTEM THAW FAILED (ExternalThaw exited with 3): the instance may still be frozen")
      })
  }

  @Test func missingAuditToolMakesThePostScriptUnknownAfterTheThaw() throws {
    let instance = try StandInInstance()
    let (pre, post) = try Self.backup(
      frozenFor: 20, instance, post: ["IRIS_BACKUP_AUDIT": instance.folder.path + "/absent"])
    #expect(pre.status == 0)
    #expect(post.status == 3)
    #expect(!instance.isFrozen)
    #expect(
      try instance.lines(instance.postScriptLog).contains {
        $0.contains("BACKUP CONSISTENCY UNKNOWN: the audit tool")
      })
  }

  @Test func cacheCsessionAndInstanceFromTheConfigurationFile() throws {
    let instance = try StandInInstance()
    let configuration = try instance.folder.write(
      "azure/iris-backup.conf", text: "IRIS_COMMAND=csession\nIRIS_INSTANCE=CACHE\n")
    // The file's assignments win over the environment's.
    let settings = ["IRIS_BACKUP_CONF": configuration, "IRIS_INSTANCE": "WRONG"]
    let (pre, post) = try Self.backup(frozenFor: 20, instance, pre: settings, post: settings)
    #expect(pre.status == 0)
    #expect(post.status == 0, "\(post.standardOutput)\(post.standardError)")
    #expect(
      try instance.calls() == [
        "csession CACHE -U%SYS \(Self.freeze)", "csession CACHE -U%SYS \(Self.thaw)",
      ])
  }
}
