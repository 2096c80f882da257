import BackupAudit
import TestSupport
import Testing

struct ThawFailedRuleTests {
  @Test func firesAndTheFreezeStaysOpen() throws {
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.add(
          160, "Backup.General.ExternalThaw: Failed to resume system: ERROR #5002", pid: 101,
          severity: 2)
        log.noise(900)
      })
    #expect(AuditFixture.fired(.thawFailed, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first { $0.rule == .thawFailed }?.message == "thaw failed: ERROR #5002")
  }

  @Test func silentWhenTheThawSucceeds() throws {
    let result = try AuditFixture.audit(thawedFreeze())
    #expect(AuditFixture.fired(.thawFailed, in: result).isEmpty)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
  }
}
