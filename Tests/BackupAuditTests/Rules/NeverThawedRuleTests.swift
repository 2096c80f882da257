import BackupAudit
import TestSupport
import Testing

struct NeverThawedRuleTests {
  @Test func neverThawedWhenTheLogEndsFrozen() throws {
    let result = try AuditFixture.audit(frozenServer { $0.noise(700) })
    #expect(AuditFixture.fired(.neverThawed, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first?.message == "no thaw in the 600 s of log after the freeze began")
  }

  @Test func silentWhenThawed() throws {
    let result = try AuditFixture.audit(thawedFreeze())
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .consistent)
  }
}
