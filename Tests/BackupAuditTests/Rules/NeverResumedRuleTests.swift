import BackupAudit
import TestSupport
import Testing

struct NeverResumedRuleTests {
  @Test func firesWhenTheLogEndsQuiesced() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: 30)
        shard.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 400)
        shard.add(101, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 400)
      })
    #expect(AuditFixture.fired(.neverResumed, in: result) == ["shard1@cluster-quiesce"])
    #expect(AuditFixture.fired(.quiesceTooLong, in: result).isEmpty)
    #expect(
      result.findings.first { $0.rule == .neverResumed }?.message
        == "quiesced and never resumed before the log ends")
  }

  @Test func doesNotFireWhenResumed() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: 30)
        quiesce(&shard, at: 100, length: 30)
      })
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.map(\.kind) == [.clusterQuiesce])
    #expect(result.sessions.first?.members.first?.durationSeconds == 30.1)
  }
}
