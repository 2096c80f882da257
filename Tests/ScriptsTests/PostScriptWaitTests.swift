import Foundation
import TestSupport
import Testing

/// Issue 20: the post-script never passes a backup before the audit has read its thaw's
/// confirmation, which IRIS may write after ExternalThaw returns (`audit --last --wait`).
struct PostScriptWaitTests {
  /// Pre-script, then a post-script whose thaw confirmation follows `settings`.
  static func backup(_ settings: [String: String]) throws -> (StandInInstance, ScriptRun) {
    let instance = try StandInInstance()
    let pre = try instance.runPreScript()
    #expect(pre.status == 0, "\(pre.standardOutput)")
    var post = settings
    post["STANDIN_ADVANCE"] = post["STANDIN_ADVANCE"] ?? "20"
    return (instance, try instance.runPostScript(post))
  }

  static func logged(_ instance: StandInInstance, _ text: String) throws -> Bool {
    try instance.lines(instance.postScriptLog).contains { $0.contains(text) }
  }

  @Test func aConfirmationTwoSecondsLateGivesTheRealVerdict() throws {
    let (instance, post) = try Self.backup(["STANDIN_CONFIRM": "2"])
    #expect(post.status == 0, "\(post.standardOutput)\(post.standardError)")
    #expect(try Self.logged(instance, "BACKUP IS CONSISTENT (audit exited with 0): OK "))
    #expect(try Self.logged(instance, "--wait 60s"))
    #expect(
      try instance.lines(instance.messagesLog).last?.hasSuffix("ExternalThaw: System resumed")
        == true)
  }

  @Test func aConfirmationNeverWrittenIsUnknownAfterTheWait() throws {
    let started = Date()
    let (instance, post) = try Self.backup(["STANDIN_CONFIRM": "never", "AUDIT_WAIT": "3"])
    #expect(post.status == 3, "\(post.standardOutput)\(post.standardError)")
    #expect(Date().timeIntervalSince(started) >= 3)
    #expect(try Self.logged(instance, "BACKUP CONSISTENCY UNKNOWN (audit exited with 3): UNKNOWN "))
    #expect(try Self.logged(instance, "still in progress"))
    #expect(try !Self.logged(instance, "BACKUP IS CONSISTENT"))
  }

  @Test func alreadyResumedArrivingLateFailsTheBackup() throws {
    // The write daemon resumed on its own 10 s into the freeze; the thaw finds it running, and
    // its "Already resumed" reaches the log 2 s after ExternalThaw returns.
    let (instance, post) = try Self.backup([
      "STANDIN_SUSPEND_LIMIT": "10", "STANDIN_CONFIRM": "2",
    ])
    #expect(post.status == 2, "\(post.standardOutput)\(post.standardError)")
    #expect(try Self.logged(instance, "BACKUP NOT CONSISTENT (audit exited with 2): CRITICAL "))
    #expect(try Self.logged(instance, "already-resumed"))
  }

  @Test func withoutWaitingABackupInProgressIsUnknownNeverConsistent() throws {
    let (instance, post) = try Self.backup(["STANDIN_CONFIRM": "2", "AUDIT_WAIT": "0"])
    #expect(post.status == 3, "\(post.standardOutput)\(post.standardError)")
    #expect(try !Self.logged(instance, "BACKUP IS CONSISTENT"))
  }

  @Test func anInvalidWaitIsAConfigurationErrorAfterTheThaw() throws {
    let (instance, post) = try Self.backup(["AUDIT_WAIT": "a minute"])
    #expect(post.status == 3)
    #expect(try Self.logged(instance, "CONFIGURATION ERROR: AUDIT_WAIT"))
    #expect(!instance.isFrozen)
  }
}
