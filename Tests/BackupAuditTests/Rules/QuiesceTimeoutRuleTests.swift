import BackupAudit
import TestSupport
import Testing

struct QuiesceTimeoutRuleTests {
  @Test func firesWithTheActivitiesNamed() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: 30)
        shard.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 400)
        shard.add(
          160,
          "Backup.ShardedCluster.Quiesce: Timed out waiting for system to quiesce: open transactions",
          pid: 400, severity: 2)
      })
    #expect(AuditFixture.fired(.quiesceTimeout, in: result) == ["shard1@cluster-quiesce"])
    #expect(
      result.findings.first { $0.rule == .quiesceTimeout }?.message
        == "quiesce timed out: open transactions")
    #expect(AuditFixture.fired(.neverResumed, in: result).isEmpty)
  }

  @Test func silentWhenEveryServerQuiesced() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: 30)
        quiesce(&shard, at: 100, length: 30)
      })
    #expect(AuditFixture.fired(.quiesceTimeout, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .consistent)
  }
}
