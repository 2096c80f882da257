import BackupAudit
import TestSupport
import Testing

struct UnjournaledDatabasesRuleTests {
  @Test func unjournaledDatabasesWarn() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(
      100.1, "Backup.General.ExternalFreeze: Warning, /db/scratch/ is not being journalled",
      severity: 1)
    log.add(
      100.2,
      "Backup.General.ExternalFreeze: Warning, 1 databases are not journalled, data will be lost in them if system crashes while suspended",
      severity: 1)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(130, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(900)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.unjournaledDatabases, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first?.message == "1 database is not journalled: /db/scratch/")
    #expect(result.sessions.first?.verdict == .degraded)
    #expect(result.summary.exitCode == 1)
  }

  @Test func silentWhenEveryDatabaseIsJournalled() throws {
    let result = try AuditFixture.audit(thawedFreeze())
    #expect(AuditFixture.fired(.unjournaledDatabases, in: result).isEmpty)
    #expect(result.summary.exitCode == 0)
  }
}
