import TestSupport
import Testing

/// Issue 11, point 6: a member with two episodes in one session shows both.
struct SessionMembersTests {
  @Test func aSecondFreezeInsideTheWindowIsReportedToo() throws {
    let logs = TestLog.cluster { master, shard in
      master.clusterFreeze(at: 100)
      master.clusterFreeze(at: 170, checkpoint: nil, pid: 500)
      shard.clusterFreeze(at: 100.3, duration: 200, pid: 900)
    }
    let report = try AuditedCluster(logs).audit()
    #expect(report.sessions.count == 1)
    let members = report.sessions.first?["members"] as? [[String: Any]] ?? []
    #expect(members.map { $0["server"] as? String } == ["master", "master", "shard1"])
    #expect(members.map { $0["duration_seconds"] as? Double } == [60, 60, 200])
    #expect(report.findings.isEmpty, "\(report.fired)")
  }
}
