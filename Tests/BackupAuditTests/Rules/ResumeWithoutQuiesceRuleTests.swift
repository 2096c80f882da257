import BackupAudit
import TestSupport
import Testing

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

  @Test func silentForTheResumeOfAQuiesce() throws {
    var log = TestLog()
    log.noise(0)
    quiesce(&log, at: 100, length: 30)
    log.noise(500)
    let result = try AuditFixture.audit(["master": log])
    #expect(AuditFixture.fired(.resumeWithoutQuiesce, in: result).isEmpty)
    #expect(result.sessions.map(\.kind) == [.clusterQuiesce])
  }
}
