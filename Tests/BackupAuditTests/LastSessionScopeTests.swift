import BackupAudit
import Testing
import TestSupport

/// `audit --last`: the most recent session with its own findings, nothing of the earlier ones.
struct LastSessionScopeTests {
  /// Two nightly cluster freezes: the first resumed on its own on shard1; the second is clean
  /// on both servers unless `secondTooLong` makes shard1's freeze outlive the timeout.
  func cluster(secondTooLong: Bool) -> [String: TestLog] {
    var master = TestLog()
    var shard1 = TestLog()
    master.clusterFreeze(at: 0, duration: 60, checkpoint: 41)
    shard1.add(0, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    shard1.internalCheckpoint(at: 0.1, checkpoint: 41)
    shard1.add(0.5, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    shard1.add(600.5, "Backup.General.ExternalThaw: Resuming system", pid: 200)
    shard1.add(600.6, "Backup.General.ExternalThaw: Already resumed", pid: 200)
    master.clusterFreeze(at: 86_400, duration: 60, checkpoint: 42)
    shard1.clusterFreeze(at: 86_400, duration: secondTooLong ? 700 : 60, checkpoint: 42)
    master.noise(90_000)
    shard1.noise(90_000)
    return ["master": master, "shard1": shard1]
  }

  @Test func keepsOnlyTheMostRecentSessionAndItsFindings() throws {
    let whole = try AuditFixture.audit(cluster(secondTooLong: false))
    #expect(whole.sessions.count == 2)
    #expect(AuditFixture.fired(.alreadyResumed, in: whole) == ["shard1@cluster-freeze"])

    let last = try AuditFixture.audit(cluster(secondTooLong: false), lastSessionOnly: true)
    #expect(last.sessions.map(\.id) == [whole.sessions[1].id])
    #expect(last.findings.isEmpty)
    #expect(last.summary.status == .ok)
    #expect(last.summary.exitCode == 0)
    #expect(last.summary.lastConsistentSession == whole.sessions[1].id)
  }

  @Test func stillChecksTheFreezeTimeoutOfTheLastSession() throws {
    let last = try AuditFixture.audit(cluster(secondTooLong: true), lastSessionOnly: true)
    #expect(last.sessions.count == 1)
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: last) == ["shard1@cluster-freeze"])
    #expect(last.findings.allSatisfy { $0.session == last.sessions[0].id })
    #expect(last.summary.exitCode == 2)
  }

  @Test func noSessionIsInsufficientEvidence() throws {
    var quiet = TestLog()
    quiet.noise(0)
    let last = try AuditFixture.audit(["vm1": quiet], lastSessionOnly: true)
    #expect(last.sessions.isEmpty)
    #expect(last.findings.map(\.rule) == [.insufficientEvidence])
    #expect(last.summary.exitCode == 3)
  }
}
