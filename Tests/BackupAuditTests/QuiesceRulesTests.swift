import BackupAudit
import TestSupport
import Testing

/// Approach 2: Quiesce, backups, Resume from one job on every data server.
func quiesce(_ log: inout TestLog, at second: Double, length: Double, pid: Int = 400) {
  log.add(second, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: pid)
  log.add(second + 1, "Backup.ShardedCluster.Quiesce: System quiesced", pid: pid)
  log.add(second + 1 + length, "Backup.ShardedCluster.Resume: Resuming system", pid: pid)
  log.add(second + 1.1 + length, "Backup.ShardedCluster.Resume: System resumed", pid: pid)
}

struct QuiesceTimeoutRuleTests {
  @Test func firesWithTheActivitiesNamed() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      quiesce(&master, at: 100, length: 30)
      shard.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 400)
      shard.add(160, "Backup.ShardedCluster.Quiesce: Timed out waiting for system to quiesce: open transactions", pid: 400, severity: 2)
    })
    #expect(AuditFixture.fired(.quiesceTimeout, in: result) == ["shard1@cluster-quiesce"])
    #expect(result.findings.first { $0.rule == .quiesceTimeout }?.message == "quiesce timed out: open transactions")
    #expect(AuditFixture.fired(.neverResumed, in: result).isEmpty)
  }
}

struct NeverResumedRuleTests {
  @Test func firesWhenTheLogEndsQuiesced() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      quiesce(&master, at: 100, length: 30)
      shard.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 400)
      shard.add(101, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 400)
    })
    #expect(AuditFixture.fired(.neverResumed, in: result) == ["shard1@cluster-quiesce"])
    #expect(AuditFixture.fired(.quiesceTooLong, in: result).isEmpty)
  }

  @Test func doesNotFireWhenResumed() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      quiesce(&master, at: 100, length: 30)
      quiesce(&shard, at: 100, length: 30)
    })
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.map(\.kind) == [.clusterQuiesce])
    #expect(result.sessions.first?.members.first?.durationSeconds == 30.1)
  }
}

struct QuiesceTooLongRuleTests {
  @Test(arguments: [(299.0, false), (301.0, true)])
  func firesPastTheLimit(length: Double, fires: Bool) throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      quiesce(&master, at: 100, length: length)
      quiesce(&shard, at: 100, length: length)
    })
    #expect(AuditFixture.fired(.quiesceTooLong, in: result) == (fires ? ["master@cluster-quiesce", "shard1@cluster-quiesce"] : []))
  }
}

struct ResumeWithoutQuiesceRuleTests {
  @Test func firesOnAResumeWithNothingOpen() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.ShardedCluster.Resume: Resuming system", pid: 400)
    log.add(100.1, "Backup.ShardedCluster.Resume: System resumed", pid: 400)
    log.noise(500)
    let result = try AuditFixture.audit(["master": log])
    #expect(AuditFixture.fired(.resumeWithoutQuiesce, in: result) == ["master@cluster-quiesce"])
    #expect(result.findings.first?.evidence.count == 2)
  }
}

struct JournalCheckpointSessionTests {
  @Test func checkpointOutsideAFreezeIsAJournalCheckpointSession() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      master.internalCheckpoint(at: 100, checkpoint: 7)
      shard.internalCheckpoint(at: 100.2, checkpoint: 7, pid: 900)
    })
    #expect(result.sessions.map(\.kind) == [.journalCheckpoint])
    #expect(result.sessions.first?.checkpoint == 7)
    #expect(result.findings.isEmpty)
    #expect(result.sessions.first?.members.map(\.journalFile) == ["/j/20210811.007", "/j/20210811.007"])
  }
}
