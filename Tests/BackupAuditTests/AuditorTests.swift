import BackupAudit
import TestSupport
import Testing

/// The whole audit over hand-made logs: a clean session, and what limits the audited period.
struct AuditorTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

  /// Two cluster freezes: checkpoint 42 at 100 s, checkpoint 43 at 2000 s.
  var twoFreezes: [String: TestLog] {
    TestLog.cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100, pid: 900)
      master.clusterFreeze(at: 2000, checkpoint: 43)
      shard.clusterFreeze(at: 2000, checkpoint: 43, pid: 900)
    }
  }

  @Test func cleanFreezeIsConsistentAndExitsZero() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.map(\.kind) == [.clusterFreeze])
    #expect(result.sessions.first?.verdict == .consistent)
    #expect(result.sessions.first?.checkpoint == 42)
    #expect(result.sessions.first?.members.map(\.server) == ["master", "shard1"])
    #expect(result.sessions.first?.members.first?.durationSeconds == 60)
    #expect(result.summary.exitCode == 0)
    #expect(result.summary.lastConsistentSession == result.sessions.first?.id)
  }

  @Test func internalQuiesceLoggedBeforeTheFreezeLinesIsStillInside() throws {
    let result = try AuditFixture.audit(
      TestLog.cluster { master, shard in
        master.clusterFreeze(at: 100)
        shard.internalCheckpoint(at: 99.8, checkpoint: 42, pid: 900)
        shard.add(100.3, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
        shard.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 900)
        shard.add(160, "Backup.General.ExternalThaw: System resumed", pid: 901)
      })
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.count == 1)
  }

  @Test func sinceAndUntilLimitTheSessions() throws {
    var configuration = AuditConfiguration()
    configuration.since = Self.base + 1_000_000
    let result = try AuditFixture.audit(twoFreezes, configuration: configuration)
    #expect(result.sessions.map(\.checkpoint) == [43])
  }

  @Test func untilDropsTheSessionsFromItsInstantOn() throws {
    var configuration = AuditConfiguration()
    // The second freeze begins at 2000 s exactly: `until` is exclusive.
    configuration.until = Self.base + 2_000_000
    let result = try AuditFixture.audit(twoFreezes, configuration: configuration)
    #expect(result.sessions.map(\.checkpoint) == [42])
  }
}
