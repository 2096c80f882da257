import TestSupport
import Testing

/// Issue 11, point 2: unknown wordings of the backup classes neither derail the episodes nor
/// go uncited.
struct UnrecognisedWordingTests {
  static let thawText = "Backup.General.ExternalThaw: Write daemon did not respond"
  static let freezeText = "Backup.General.ExternalFreeze: Could not suspend write daemon"

  static var log: TestLog {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    log.add(160.2, thawText, pid: 201, severity: 2)
    log.add(7300, "Backup.General.ExternalFreeze: Suspending system", pid: 300)
    log.add(7300.4, freezeText, pid: 300, severity: 2)
    log.add(7301, "Backup.General.ExternalThaw: Resuming system", pid: 301)
    log.add(7301.1, "Backup.General.ExternalThaw: Already resumed", pid: 301)
    log.noise(9000)
    return log
  }

  @Test func twoBackupsStayTwoAndEveryUnknownLineIsCited() throws {
    let report = try AuditedCluster(["vm1": Self.log]).audit()
    #expect(report.sessions.count == 2, "\(report.sessions.map { $0["id"] ?? "" })")
    #expect(
      Set(report.fired(inSession: 0))
        == ["thaw-unconfirmed vm1", "unrecognised-backup-message vm1"])
    #expect(
      Set(report.fired(inSession: 1)) == ["freeze-failed vm1", "unrecognised-backup-message vm1"])
    #expect(!report.fired.contains("overlapping-freeze vm1"))
    #expect(!report.fired.contains("already-resumed vm1"))
    #expect(report.citedLines.contains { $0.hasSuffix(Self.thawText) })
    #expect(report.citedLines.contains { $0.hasSuffix(Self.freezeText) })
    #expect(report.status == 2)
  }

  @Test func anInformationalUnknownLineInAHealthyFreezeIsAWarning() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    log.add(100.2, "Backup.General.ExternalFreeze: Flushing buffers", pid: 200)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    log.add(160.2, "Backup.General.ExternalThaw: System resumed", pid: 201)
    log.noise(900)
    let report = try AuditedCluster(["vm1": log]).audit()
    #expect(report.fired == ["unrecognised-backup-message vm1"])
    #expect(report.findings.first?["severity"] as? String == "warning")
    #expect(report.verdict(0) == "degraded")
    #expect(report.status == 1)
  }

  @Test func decoysAreStillNoEvents() throws {
    var log = TestLog()
    log.noise(0)
    log.add(50, "Backup.General status query from job 4711: write daemon is not suspended")
    log.add(60, "Task ExternalFreeze check completed")
    log.noise(900)
    let report = try AuditedCluster(["vm1": log]).audit()
    #expect(report.findings.isEmpty)
  }
}
