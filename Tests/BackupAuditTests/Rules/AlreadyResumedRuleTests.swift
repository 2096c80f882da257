import BackupAudit
import TestSupport
import Testing

struct AlreadyResumedRuleTests {
  @Test func firesWhenTheThawFindsTheSystemResumed() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100)
        shard.clusterFreeze(at: 100, pid: 900, thaw: "Backup.General.ExternalThaw: Already resumed")
      })
    #expect(AuditFixture.fired(.alreadyResumed, in: result) == ["shard1@cluster-freeze"])
    #expect(result.sessions.first?.verdict == .inconsistent)
    #expect(result.summary.exitCode == 2)
    let finding = try #require(result.findings.first { $0.rule == .alreadyResumed })
    // noise, freeze-begin (2), the internal checkpoint (3-7), suspended, thaw-begin (9), thaw (10)
    #expect(finding.evidence.map(\.line) == [2, 9, 10])
    #expect(finding.message == "thaw found the system already resumed 60 s after the freeze began")
  }

  @Test func doesNotFireForTheThawAfterAFailedFreeze() throws {
    // The Azure pre-script: the freeze fails, the script thaws, ExternalThaw says "Already resumed".
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    log.add(
      101, "Backup.General.ExternalFreeze: Failed to suspend system: disk busy", pid: 200,
      severity: 2)
    log.add(102, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    log.add(102.1, "Backup.General.ExternalThaw: Already resumed", pid: 201)
    log.noise(500)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.alreadyResumed, in: result).isEmpty)
    #expect(AuditFixture.fired(.freezeFailed, in: result) == ["vm1@instance-freeze"])
  }

  @Test func silentWhenTheThawConfirmsTheResume() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(AuditFixture.fired(.alreadyResumed, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .consistent)
  }
}
