import BackupAudit
import TestSupport
import Testing

struct FreezeFailedRuleTests {
  @Test func firesOnAFailureLineAndOnAFreezeThatNeverSuspended() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.add(100, "Backup.General.ExternalFreeze: Suspending system")
        master.add(
          101, "Backup.General.ExternalFreeze: Failed to suspend system: shard1 unreachable",
          severity: 2)
        shard.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
        shard.add(130, "Backup.General.ExternalThaw: System resumed", pid: 901)
      })
    #expect(
      AuditFixture.fired(.freezeFailed, in: result) == [
        "master@cluster-freeze", "shard1@cluster-freeze",
      ])
    #expect(
      result.findings.first { $0.server == "master" && $0.rule == .freezeFailed }?.message
        == "freeze failed: shard1 unreachable")
  }

  @Test func doesNotFireWhenSuspended() throws {
    let result = try AuditFixture.audit(cluster { master, _ in master.clusterFreeze(at: 100) })
    #expect(AuditFixture.fired(.freezeFailed, in: result).isEmpty)
  }
}
