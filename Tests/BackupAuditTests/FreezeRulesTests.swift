import BackupAudit
import TestSupport
import Testing

/// A cluster of two servers around one sharded freeze; each test breaks one thing.
func cluster(_ edit: (inout TestLog, inout TestLog) -> Void) -> [String: TestLog] {
  TestLog.cluster(edit)
}

struct CleanClusterTests {
  @Test func cleanFreezeIsConsistentAndExitsZero() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100.3, pid: 900)
    })
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.map(\.kind) == [.clusterFreeze])
    #expect(result.sessions.first?.verdict == .consistent)
    #expect(result.sessions.first?.checkpoint == 42)
    #expect(result.sessions.first?.members.map(\.server) == ["master", "shard1"])
    #expect(result.sessions.first?.members.first?.durationSeconds == 60)
    #expect(result.summary.exitCode == 0)
    #expect(result.summary.lastConsistentSession == result.sessions.first?.id)
  }

  @Test func internalResumeDoesNotEndTheFreeze() throws {
    // Its "System resumed" comes 0.3 s in; the thaw 700 s later must still be measured.
    let result = try AuditFixture.audit(cluster { master, shard in
      master.clusterFreeze(at: 100, duration: 700)
      shard.clusterFreeze(at: 100, duration: 700, pid: 900)
    })
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: result) == ["master@cluster-freeze", "shard1@cluster-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(AuditFixture.fired(.resumeWithoutQuiesce, in: result).isEmpty)
  }

  @Test func internalQuiesceLoggedBeforeTheFreezeLinesIsStillInside() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.internalCheckpoint(at: 99.8, checkpoint: 42, pid: 900)
      shard.add(100.3, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
      shard.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 900)
      shard.add(160, "Backup.General.ExternalThaw: System resumed", pid: 901)
    })
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.count == 1)
  }
}

struct AlreadyResumedRuleTests {
  @Test func firesWhenTheThawFindsTheSystemResumed() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
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
    log.add(101, "Backup.General.ExternalFreeze: Failed to suspend system: disk busy", pid: 200, severity: 2)
    log.add(102, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    log.add(102.1, "Backup.General.ExternalThaw: Already resumed", pid: 201)
    log.noise(500)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.alreadyResumed, in: result).isEmpty)
    #expect(AuditFixture.fired(.freezeFailed, in: result) == ["vm1@instance-freeze"])
  }
}

struct FreezeFailedRuleTests {
  @Test func firesOnAFailureLineAndOnAFreezeThatNeverSuspended() throws {
    let result = try AuditFixture.audit(cluster { master, shard in
      master.add(100, "Backup.General.ExternalFreeze: Suspending system")
      master.add(101, "Backup.General.ExternalFreeze: Failed to suspend system: shard1 unreachable", severity: 2)
      shard.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
      shard.add(130, "Backup.General.ExternalThaw: System resumed", pid: 901)
    })
    #expect(AuditFixture.fired(.freezeFailed, in: result) == ["master@cluster-freeze", "shard1@cluster-freeze"])
    #expect(result.findings.first { $0.server == "master" && $0.rule == .freezeFailed }?.message == "freeze failed: shard1 unreachable")
  }

  @Test func doesNotFireWhenSuspended() throws {
    let result = try AuditFixture.audit(cluster { master, _ in master.clusterFreeze(at: 100) })
    #expect(AuditFixture.fired(.freezeFailed, in: result).isEmpty)
  }
}

struct ThawFailedRuleTests {
  @Test func firesAndTheFreezeStaysOpen() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(160, "Backup.General.ExternalThaw: Failed to resume system: ERROR #5002", pid: 101, severity: 2)
    log.noise(900)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.thawFailed, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result) == ["vm1@instance-freeze"])
  }
}

struct FreezeDurationRulesTests {
  static let durations: [(Double, [String], [String])] = [
    (479, [], []), (481, [], ["vm1@instance-freeze"]), (600, [], ["vm1@instance-freeze"]),
    (601, ["vm1@instance-freeze"], []),
  ]

  @Test(arguments: durations)
  func timeoutAndNearTimeout(duration: Double, exceeded: [String], near: [String]) throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(100 + duration, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(2000)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: result) == exceeded)
    #expect(AuditFixture.fired(.freezeNearTimeout, in: result) == near)
  }

  @Test func timeoutIsConfigurable() throws {
    var configuration = AuditConfiguration()
    configuration.freezeTimeoutMilliseconds = 900_000
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100, duration: 750)
        shard.clusterFreeze(at: 100, duration: 700, pid: 900)
      }, configuration: configuration)
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: result).isEmpty)
    // 750 s is 83 % of 900 s; 700 s is 77 %, under the 80 % mark.
    #expect(AuditFixture.fired(.freezeNearTimeout, in: result) == ["master@cluster-freeze"])
    #expect(result.findings.first { $0.rule == .freezeNearTimeout }?.message == "frozen 750 s, 83 % of the 900 s timeout")
  }
}
