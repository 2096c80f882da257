import BackupAudit
import TestSupport
import Testing

struct MemberMissingRuleTests {
  @Test func firesForAMemberWhoseLogCoversTheSession() throws {
    let result = try AuditFixture.audit(cluster { master, _ in master.clusterFreeze(at: 100) })
    #expect(AuditFixture.fired(.memberMissing, in: result) == ["shard1@cluster-freeze"])
    #expect(AuditFixture.fired(.insufficientEvidence, in: result).isEmpty)
    #expect(
      result.findings.first { $0.rule == .memberMissing }?.message
        == "no cluster-freeze episode on shard1 while master logged one")
  }

  @Test func memberWhoseLogStartsLateIsInsufficientEvidenceNotMissing() throws {
    let result = try AuditFixture.audit(clusterWithLateShard)
    #expect(AuditFixture.fired(.memberMissing, in: result).isEmpty)
    #expect(AuditFixture.fired(.insufficientEvidence, in: result) == ["shard1@cluster-freeze"])
    #expect(result.sessions.first?.verdict == .unknown)
    #expect(result.summary.exitCode == 3)
  }

  @Test func instanceFreezesHaveNoMembersToMiss() throws {
    let result = try AuditFixture.audit(
      cluster { master, _ in
        master.clusterFreeze(at: 100, checkpoint: nil)
      })
    #expect(result.sessions.map(\.kind) == [.instanceFreeze])
    #expect(result.findings.isEmpty)
  }

  @Test func silentWhenEveryMemberTookPart() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(AuditFixture.fired(.memberMissing, in: result).isEmpty)
    #expect(result.sessions.first?.members.map(\.server) == ["master", "shard1"])
  }
}
