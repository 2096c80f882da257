import BackupAudit
import TestSupport
import Testing

struct OverlappingFreezeRuleTests {
  @Test func overlappingFreezeWarns() throws {
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.add(120, "Backup.General.ExternalFreeze: Suspending system", pid: 150)
        log.add(130, "Backup.General.ExternalThaw: System resumed", pid: 101)
        log.noise(900)
      })
    #expect(AuditFixture.fired(.overlappingFreeze, in: result) == ["vm1@instance-freeze"])
    let finding = try #require(result.findings.first { $0.rule == .overlappingFreeze })
    #expect(finding.message == "another freeze began 20 s into this one")
    #expect(finding.evidence.map(\.line) == [2, 4])
  }

  @Test func silentForFreezesOneAfterTheOther() throws {
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.add(130, "Backup.General.ExternalThaw: System resumed", pid: 101)
        log.add(140, "Backup.General.ExternalFreeze: Suspending system", pid: 150)
        log.add(140.5, "Backup.General.ExternalFreeze: System suspended", pid: 150)
        log.add(170, "Backup.General.ExternalThaw: System resumed", pid: 151)
        log.noise(900)
      })
    #expect(AuditFixture.fired(.overlappingFreeze, in: result).isEmpty)
    #expect(result.sessions.count == 2)
  }
}
