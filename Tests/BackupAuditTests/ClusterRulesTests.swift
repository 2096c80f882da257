import BackupAudit
import TestSupport
import Testing

struct MemberMissingRuleTests {
  @Test func firesForAMemberWhoseLogCoversTheSession() throws {
    let result = try AuditFixture.audit(cluster { master, _ in master.clusterFreeze(at: 100) })
    #expect(AuditFixture.fired(.memberMissing, in: result) == ["shard1@cluster-freeze"])
    #expect(AuditFixture.fired(.insufficientEvidence, in: result).isEmpty)
  }

  @Test func memberWhoseLogStartsLateIsInsufficientEvidenceNotMissing() throws {
    var master = TestLog()
    master.noise(0)
    master.clusterFreeze(at: 100)
    master.noise(4000)
    var shard = TestLog()
    shard.noise(3000)
    shard.noise(4000)
    let result = try AuditFixture.audit(["master": master, "shard1": shard])
    #expect(AuditFixture.fired(.memberMissing, in: result).isEmpty)
    #expect(AuditFixture.fired(.insufficientEvidence, in: result) == ["shard1@cluster-freeze"])
    #expect(result.sessions.first?.verdict == .unknown)
    #expect(result.summary.exitCode == 3)
  }

  @Test func instanceFreezesHaveNoMembersToMiss() throws {
    let result = try AuditFixture.audit(cluster { master, _ in
      master.clusterFreeze(at: 100, checkpoint: nil)
    })
    #expect(result.sessions.map(\.kind) == [.instanceFreeze])
    #expect(result.findings.isEmpty)
  }
}

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
    let result = try AuditFixture.audit(cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100, checkpoint: nil, pid: 900)
    })
    #expect(AuditFixture.fired(.checkpointMismatch, in: result) == ["shard1@cluster-freeze"])
  }
}

struct ClockSkewRuleTests {
  @Test func firesForTheMemberOffTheMedian() throws {
    var logs = cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100.3, pid: 900)
    }
    var skewed = TestLog()
    skewed.noise(0)
    skewed.clusterFreeze(at: 105, pid: 700)
    skewed.noise(4000)
    logs["shard2"] = skewed
    let result = try AuditFixture.audit(logs)
    #expect(AuditFixture.fired(.clockSkew, in: result) == ["shard2@cluster-freeze"])
    #expect(result.findings.first?.message == "clock 4.7 s ahead of the session median, tolerance 2 s")
    #expect(result.sessions.first?.members.last?.clockOffsetMilliseconds == 4700)
  }
}

struct CrashAndNeverThawedTests {
  @Test func crashWhileFrozenEndsTheFreezeWithoutNeverThawed() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.raw("")
    log.raw("*** Recovery started at Wed Aug 11 05:10:00 2021")
    log.raw("Exiting with status 3 (Success)")
    log.add(601, "Previous system shutdown was abnormal, system forced down or crashed", pid: 31600, severity: 2, category: "Generic.Event")
    log.noise(900)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.crashWhileFrozen, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(result.findings.first?.evidence.map(\.line) == [2, 5])
  }

  @Test func neverThawedWhenTheLogEndsFrozen() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.noise(700)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.neverThawed, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first?.message == "no thaw in the 600 s of log after the freeze began")
  }
}

struct UnjournaledAndOverlappingTests {
  @Test func unjournaledDatabasesWarn() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.1, "Backup.General.ExternalFreeze: Warning, /db/scratch/ is not being journalled", severity: 1)
    log.add(100.2, "Backup.General.ExternalFreeze: Warning, 1 databases are not journalled, data will be lost in them if system crashes while suspended", severity: 1)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(130, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(900)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.unjournaledDatabases, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first?.message == "1 database is not journalled: /db/scratch/")
    #expect(result.sessions.first?.verdict == .degraded)
    #expect(result.summary.exitCode == 1)
  }

  @Test func overlappingFreezeWarns() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(120, "Backup.General.ExternalFreeze: Suspending system", pid: 150)
    log.add(130, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(900)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.overlappingFreeze, in: result) == ["vm1@instance-freeze"])
  }
}

struct AmbiguousLocalTimeRuleTests {
  @Test func firesForAFreezeInTheRepeatedHour() throws {
    var log = TestLog()
    log.raw("10/31/21-01:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    log.raw("10/31/21-02:30:00:000 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system")
    log.raw("10/31/21-02:30:00:500 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended")
    log.raw("10/31/21-02:31:00:000 (101) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed")
    log.raw("10/31/21-05:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    let result = try AuditFixture.audit(["vm1": log], zone: "Europe/Berlin")
    #expect(AuditFixture.fired(.ambiguousLocalTime, in: result) == ["vm1@instance-freeze"])
    #expect(result.findings.first?.message == "local time 2021-10-31T02:30:00.000 is ambiguous in Europe/Berlin")
    let utc = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.ambiguousLocalTime, in: utc).isEmpty)
  }
}

struct RPOExceededRuleTests {
  func nightly(_ days: [Int]) -> [String: TestLog] {
    var log = TestLog()
    log.noise(0)
    for day in days { log.clusterFreeze(at: Double(day) * 86_400 + 100, checkpoint: nil) }
    log.noise(6 * 86_400)
    return ["vm1": log]
  }

  @Test func firesForAGapAndForTheTail() throws {
    var configuration = AuditConfiguration()
    configuration.rpoMilliseconds = 26 * 3_600_000
    let result = try AuditFixture.audit(nightly([0, 1, 3]), configuration: configuration)
    let rpo = result.findings.filter { $0.rule == .rpoExceeded }
    #expect(rpo.map(\.message) == [
      "no consistent backup for 48 h after this one, rpo 26 h",
      "no consistent backup for 72.0 h since this one, until 2021-08-17T05:00:00.000Z, rpo 26 h",
    ])
    #expect(result.sessions.allSatisfy { $0.verdict == .consistent })
  }

  @Test func quietWithoutAnRPO() throws {
    #expect(try AuditFixture.audit(nightly([0, 3])).findings.isEmpty)
  }
}

struct RestoreTestTests {
  @Test func restoredCopyLinksToTheSessionItsSnapshotCameFrom() throws {
    var logs = cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100, pid: 900)
    }
    var restored = TestLog()
    restored.noise(0)
    restored.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
    restored.internalCheckpoint(at: 100.1, checkpoint: 42, pid: 900)
    restored.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 900)
    restored.raw("*** Recovery started at Thu Aug 12 09:00:00 2021")
    restored.raw("Exiting with status 3 (Success)")
    logs["restore1"] = restored
    var configuration = AuditConfiguration()
    configuration.restoredServers = ["restore1": "shard1"]
    let result = try AuditFixture.audit(logs, configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    let session = try #require(result.sessions.first)
    #expect(session.restoreTests.map(\.server) == ["restore1"])
    #expect(session.restoreTests.first?.restoredFrom == "shard1")
    #expect(session.members.map(\.server) == ["master", "shard1"])
  }
}

struct PeriodTests {
  @Test func sinceAndUntilLimitTheSessions() throws {
    var configuration = AuditConfiguration()
    let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z
    configuration.since = base + 1_000_000
    let result = try AuditFixture.audit(cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100, pid: 900)
      master.clusterFreeze(at: 2000, checkpoint: 43)
      shard.clusterFreeze(at: 2000, checkpoint: 43, pid: 900)
    }, configuration: configuration)
    #expect(result.sessions.map(\.checkpoint) == [43])
  }
}
