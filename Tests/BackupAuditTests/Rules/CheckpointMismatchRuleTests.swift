import BackupAudit
import TestSupport
import Testing

struct CheckpointMismatchRuleTests {
  @Test func firesForTheMemberWithAnotherNumber() throws {
    var third = TestLog()
    third.noise(0)
    third.clusterFreeze(at: 100.2, checkpoint: 42, pid: 700)
    third.noise(4000)
    var logs = cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100.1, checkpoint: 43, pid: 900)
    }
    logs["shard2"] = third
    let result = try AuditFixture.audit(logs)
    #expect(result.sessions.count == 1)
    #expect(AuditFixture.fired(.checkpointMismatch, in: result) == ["shard1@cluster-freeze"])
    #expect(result.findings.first?.message == "logged checkpoint 43, the session's is 42")
  }

  @Test func firesForTheMemberWithoutACheckpoint() throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100)
        shard.clusterFreeze(at: 100, checkpoint: nil, pid: 900)
      })
    #expect(AuditFixture.fired(.checkpointMismatch, in: result) == ["shard1@cluster-freeze"])
    #expect(
      result.findings.first { $0.rule == .checkpointMismatch }?.message
        == "logged no checkpoint, the session's is 42")
  }

  @Test func silentWhenEveryMemberLogsTheSessionsNumber() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(AuditFixture.fired(.checkpointMismatch, in: result).isEmpty)
    #expect(result.sessions.first?.checkpoint == 42)
  }

  @Test func aMemberWhoseFreezeFailedIsNoMismatch() throws {
    // Its freeze failed before any checkpoint: `freeze-failed` says so, not a missing number.
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100)
        shard.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
        shard.add(
          101, "Backup.General.ExternalFreeze: Failed to suspend system: timeout", pid: 900,
          severity: 2)
      })
    #expect(result.sessions.count == 1)
    #expect(AuditFixture.fired(.checkpointMismatch, in: result).isEmpty)
    #expect(AuditFixture.fired(.freezeFailed, in: result) == ["shard1@cluster-freeze"])
  }
}
